/**
 * The tokens of the flow language and the lexer built from them.
 *
 * Keywords come in two kinds. Hard keywords start a declaration, a state item
 * or an action (`state`, `on`, `dial`, ...): actions are self-delimiting because
 * each begins with one, so they can never be names. Soft keywords (`status`,
 * `to`, `event`, `done`, the type names, ...) only mean something in one spot
 * of the grammar; they carry the `Identifier` category so that the parser
 * accepts them wherever a name is expected (`on x.failed when status >= 500`,
 * `event Press(key: string)`).
 */
import { createToken, Lexer } from './chevrotain-runtime.js';
import type { IToken, TokenType } from 'chevrotain';

/*
 * Building the lexer costs what it has to find out about the patterns, on
 * every start of flowc. So fixed texts are strings (nothing to analyse), and
 * each regular expression says which characters a match can start with
 * (`start_chars_hint`), which chevrotain would otherwise work out by parsing
 * it. test/grammar/grammar-definition.test.ts holds the hints against
 * chevrotain's own analysis.
 */
const DIGITS = [...'0123456789'];
const NAME_START = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_'];

// ------------------------------------------------------------ trivia

export const WhiteSpace = createToken({
  name: 'WhiteSpace',
  pattern: /[ \t\r\n\f\v]+/,
  group: Lexer.SKIPPED,
  start_chars_hint: [' ', '\t', '\r', '\n', '\f', '\v'],
});
export const LineComment = createToken({ name: 'LineComment', pattern: /\/\/[^\r\n]*/, group: Lexer.SKIPPED, start_chars_hint: ['/'] });
export const BlockComment = createToken({ name: 'BlockComment', pattern: /\/\*[\s\S]*?\*\//, group: Lexer.SKIPPED, start_chars_hint: ['/'] });
/** `/*` without its `*\/`: kept as a token of its own so it is reported once, not as a flood of bad characters. */
export const UnterminatedComment = createToken({
  name: 'UnterminatedComment',
  pattern: /\/\*[\s\S]*/,
  group: 'malformed',
  start_chars_hint: ['/'],
});

// ------------------------------------------------------------ names and literals

/** The category every name-like token belongs to; the parser consumes this, never `Name` directly. */
export const Identifier = createToken({ name: 'Identifier', pattern: Lexer.NA, label: 'a name' });
/**
 * Any word, keywords included: what may follow a `.` (`agent.hangup`,
 * `external.notify` name leg events that are also verbs).
 */
export const Word = createToken({ name: 'Word', pattern: Lexer.NA, label: 'a name' });
export const Name = createToken({
  name: 'Name',
  pattern: /[A-Za-z_][A-Za-z0-9_]*/,
  categories: [Identifier, Word],
  label: 'a name',
  start_chars_hint: NAME_START,
});

/** A duration: an integer immediately followed by its unit. */
export const Duration = createToken({
  name: 'Duration',
  pattern: /[0-9]+(?:ms|s|m|h)(?![A-Za-z0-9_])/,
  label: 'a duration',
  start_chars_hint: DIGITS,
});
/**
 * Digits glued to letters that are not a unit (`5sec`, `10x`): lexed as one
 * malformed duration so the parser sees a value and the diagnostic names the unit.
 */
export const MalformedDuration = createToken({
  name: 'MalformedDuration',
  pattern: /[0-9]+[A-Za-z_][A-Za-z0-9_]*/,
  categories: [Duration],
  label: 'a duration',
  start_chars_hint: DIGITS,
});
export const Integer = createToken({ name: 'Integer', pattern: /[0-9]+/, label: 'an integer', start_chars_hint: DIGITS });

export const StringLiteral = createToken({ name: 'StringLiteral', pattern: /"(?:[^"\\\r\n]|\\.)*"/, label: 'a string', start_chars_hint: ['"'] });
/** A string that reaches the end of its line: the parser takes it as a string, the diagnostic reports it. */
export const UnterminatedString = createToken({
  name: 'UnterminatedString',
  pattern: /"(?:[^"\\\r\n]|\\[^\r\n])*\\?/,
  categories: [StringLiteral],
  label: 'a string',
  start_chars_hint: ['"'],
});

// ------------------------------------------------------------ keywords

function keyword(word: string, soft: boolean): TokenType {
  const name = word.charAt(0).toUpperCase() + word.slice(1);
  return createToken({
    name,
    pattern: word,
    longer_alt: Name,
    label: `\`${word}\``,
    categories: soft ? [Identifier, Word] : [Word],
  });
}
const hard = (word: string): TokenType => keyword(word, false);
const soft = (word: string): TokenType => keyword(word, true);

// Structure.
export const Flow = hard('flow');
export const Leg = hard('leg');
export const Input = hard('input');
export const Var = hard('var');
export const Emit = hard('emit');
export const State = hard('state');
export const Initial = hard('initial');
export const Final = hard('final');
export const Parallel = hard('parallel');
export const Entry = hard('entry');
export const Exit = hard('exit');
export const On = hard('on');
export const After = hard('after');
export const When = hard('when');
export const True = hard('true');
export const False = hard('false');

// Verbs: each action starts with one.
export const Dial = hard('dial');
export const Answer = hard('answer');
export const Reject = hard('reject');
export const Hangup = hard('hangup');
export const Cancel = hard('cancel');
export const Hold = hard('hold');
export const Unhold = hard('unhold');
export const Bridge = hard('bridge');
export const Unbridge = hard('unbridge');
export const Conference = hard('conference');
export const Refer = hard('refer');
export const Takeover = hard('takeover');
export const Notify = hard('notify');
export const Play = hard('play');
export const Collect = hard('collect');
export const Set = hard('set');
export const Send = hard('send');

// Soft keywords: meaningful in one place, names everywhere else.
export const Key = soft('key');
export const Event = soft('event');
export const Inbound = soft('inbound');
/** `leg agent nailed`: the leg's call outlives the flow (POM nailing). */
export const Nailed = soft('nailed');
export const Done = soft('done');
export const In = soft('in');
export const To = soft('to');
export const From = soft('from');
export const Headers = soft('headers');
export const Timeout = soft('timeout');
export const Music = soft('music');
export const Replacing = soft('replacing');
export const Status = soft('status');
export const Digits = soft('digits');
export const Max = soft('max');
export const Terminator = soft('terminator');
export const StringType = soft('string');
export const IntType = soft('int');
export const BoolType = soft('bool');
export const DurationType = soft('duration');
export const UriType = soft('uri');

/** Type names in a declaration; `status` is also one. */
export const TYPE_TOKENS: readonly TokenType[] = [StringType, IntType, BoolType, DurationType, UriType, Status];

// ------------------------------------------------------------ punctuation and operators

const punctuation = (name: string, text: string): TokenType => createToken({ name, pattern: text, label: `\`${text}\`` });
export const Arrow = punctuation('Arrow', '->');
export const LCurly = punctuation('LCurly', '{');
export const RCurly = punctuation('RCurly', '}');
export const LParen = punctuation('LParen', '(');
export const RParen = punctuation('RParen', ')');
export const Comma = punctuation('Comma', ',');
export const Colon = punctuation('Colon', ':');
export const Semicolon = punctuation('Semicolon', ';');
export const Dot = punctuation('Dot', '.');

/**
 * Every binary operator is a `BinaryOperator`: the grammar reads `a op b op c`
 * flat and toAst applies precedence, which keeps the CST shallow (one node per
 * operand instead of one per precedence level) and the parser fast.
 */
export const BinaryOperator = createToken({ name: 'BinaryOperator', pattern: Lexer.NA, label: 'an operator' });
const binary = (name: string, text: string): TokenType => createToken({ name, pattern: text, categories: [BinaryOperator], label: `\`${text}\`` });
export const OrOp = binary('OrOp', '||');
export const AndOp = binary('AndOp', '&&');
export const EqEq = binary('EqEq', '==');
export const NotEq = binary('NotEq', '!=');
export const LessEq = binary('LessEq', '<=');
export const GreaterEq = binary('GreaterEq', '>=');
export const Less = binary('Less', '<');
export const Greater = binary('Greater', '>');
export const Plus = binary('Plus', '+');
/** Also the unary minus. */
export const Minus = binary('Minus', '-');
export const Star = binary('Star', '*');
export const Slash = binary('Slash', '/');
export const Percent = binary('Percent', '%');
export const Equals = punctuation('Equals', '=');
export const Bang = punctuation('Bang', '!');

// ------------------------------------------------------------ the lexer

/** Longest first, so that a keyword that is a prefix of another (`in`, `int`, `input`) never shadows it. */
const KEYWORDS: readonly TokenType[] = [
  Flow, Leg, Input, Var, Emit, State, Initial, Final, Parallel, Entry, Exit, On, After, When, True, False,
  Dial, Answer, Reject, Hangup, Cancel, Hold, Unhold, Bridge, Unbridge, Conference, Refer, Takeover, Notify,
  Play, Collect, Set, Send,
  Key, Event, Inbound, Nailed, Done, In, To, From, Headers, Timeout, Music, Replacing, Status, Digits, Max, Terminator,
  StringType, IntType, BoolType, DurationType, UriType,
].sort((a, b) => keywordText(b).length - keywordText(a).length);

function keywordText(token: TokenType): string {
  return typeof token.PATTERN === 'string' ? token.PATTERN : '';
}

/** Every token type, in lexing order (comments before `/`, `->` before `-`, `<=` before `<`, keywords before names). */
export const ALL_TOKENS: readonly TokenType[] = [
  WhiteSpace,
  LineComment,
  BlockComment,
  UnterminatedComment,
  Duration,
  MalformedDuration,
  Integer,
  StringLiteral,
  UnterminatedString,
  Arrow,
  LCurly,
  RCurly,
  LParen,
  RParen,
  Comma,
  Colon,
  Semicolon,
  Dot,
  BinaryOperator,
  OrOp,
  AndOp,
  EqEq,
  NotEq,
  LessEq,
  GreaterEq,
  Less,
  Greater,
  Equals,
  Bang,
  Plus,
  Minus,
  Star,
  Slash,
  Percent,
  ...KEYWORDS,
  Identifier,
  Word,
  Name,
];

/**
 * chevrotain's lexer, tracking offsets only, with tokens that keep their end
 * offset. Spans are computed from offsets (line-index.ts), so the lexer need
 * not count lines, which 'full' tracking does for every token and every run
 * of whitespace (10 of the 17 MB it allocates per 0.4 MB of source). But the
 * parser's node locations need each token's end offset, which chevrotain's
 * offset-only tokens leave out: chevrotain picks its token factory by
 * tracking mode, and this replaces the offset-only one. tokens.test.ts pins
 * the end offsets, so a chevrotain that renamed the factory fails there.
 */
class FlowLexer extends Lexer {
  protected createOffsetOnlyToken(image: string, startOffset: number, tokenTypeIdx: number, tokenType: TokenType): IToken {
    return { image, startOffset, endOffset: startOffset + image.length - 1, tokenTypeIdx, tokenType };
  }
}

/**
 * A lexer of the flow tokens. `validate` runs chevrotain's checks of the
 * token definitions (unreachable or overlapping patterns, ...): a test does,
 * so a mistake fails CI, and production skips them, since the definitions
 * are fixed and the checks cost ~70 ms on every cold start.
 * `ensureOptimizations`: refuse to build a lexer that would try every pattern
 * at every character (a missing start-character hint).
 */
export function createFlowLexer(validate: boolean): Lexer {
  return new FlowLexer([...ALL_TOKENS], { ensureOptimizations: true, positionTracking: 'onlyOffset', skipValidations: !validate });
}

let lexer: Lexer | undefined;

/** The production lexer, built on first use and reused. */
export function flowLexer(): Lexer {
  lexer ??= createFlowLexer(false);
  return lexer;
}
