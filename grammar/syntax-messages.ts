/**
 * Wording of the parser's syntax errors: lowercase, no final period, tokens in
 * backticks, and where it helps the construct being parsed ("after the
 * trigger"). The parser calls these while recovering; parse.ts turns the
 * resulting exceptions into diagnostics with codes and spans.
 */
import { EOF } from './chevrotain-runtime.js';
import type { IParserErrorMessageProvider, IToken, TokenType } from 'chevrotain';
import * as t from './tokens.js';

const MAX_SHOWN = 24;

/** How a found token reads in a message: its text in backticks, or "the end of the file". */
export function describeToken(token: IToken): string {
  if (token.tokenType === EOF) return 'the end of the file';
  const image = token.image.length > MAX_SHOWN ? `${token.image.slice(0, MAX_SHOWN)}…` : token.image;
  return `\`${image.replace(/`/g, "'")}\``;
}

function label(token: TokenType): string {
  // The only thing the top level may hold before the end of the file is another flow.
  if (token === EOF) return '`flow`';
  return token.LABEL ?? `\`${token.name}\``;
}

/** `a`, `a or b`, `a, b or c`. */
function oneOf(items: readonly string[]): string {
  const unique = [...new Set(items)];
  if (unique.length <= 1) return unique[0] ?? 'something else';
  return `${unique.slice(0, -1).join(', ')} or ${unique[unique.length - 1] ?? ''}`;
}

/** Where the parser was, as a phrase appended to "expected X". */
const CONTEXT: Readonly<Record<string, string>> = {
  flowFile: ' at the top level',
  flowDecl: ' in the flow',
  legDecl: ' in the `leg` declaration',
  inputDecl: ' in the `input` declaration',
  varDecl: ' in the `var` declaration',
  eventDecl: ' in the `event` declaration',
  emitDecl: ' in the `emit` declaration',
  keyDecl: ' in the `key` declaration',
  fieldList: ' in the field list',
  fieldDecl: ' in the field',
  stateDecl: ' in the state',
  entryBlock: ' after `entry`',
  exitBlock: ' after `exit`',
  onTransition: ' after `on`',
  afterTransition: ' after `after`',
  transitionTail: ' after the trigger',
  trigger: ' after `on`',
  block: ' in the block',
  dialAction: ' in `dial`',
  headerList: ' in the headers',
  header: ' in the header',
  answerAction: ' after `answer`',
  rejectAction: ' in `reject`',
  hangupAction: ' after `hangup`',
  cancelAction: ' after `cancel`',
  holdAction: ' in `hold`',
  unholdAction: ' after `unhold`',
  bridgeAction: ' in `bridge`',
  unbridgeAction: ' in `unbridge`',
  conferenceAction: ' in `conference`',
  referAction: ' in `refer`',
  takeoverAction: ' after `takeover`',
  notifyAction: ' in `notify`',
  playAction: ' in `play`',
  collectAction: ' in `collect`',
  emitAction: ' in `emit`',
  setAction: ' in `set`',
  sendAction: ' in `send`',
  argumentList: ' in the arguments',
  argument: ' in the argument',
};

function context(ruleName: string): string {
  return CONTEXT[ruleName] ?? '';
}

/** What may come next when a `}` was expected: the items the enclosing construct allows. */
const CLOSING_ALTERNATIVES: Readonly<Record<string, string>> = {
  flowDecl: 'a declaration (`leg`, `input`, `var`, `event`, `emit`, `key`), a state or `}`',
  stateDecl: '`on`, `after`, `entry`, `exit`, a nested state or `}`',
  block: 'an action (a verb such as `dial` or `hangup`) or `}`',
  headerList: '`,` or `}`',
};

function firstTokens(paths: readonly (readonly TokenType[])[]): string[] {
  return paths.flatMap((path) => (path[0] === undefined ? [] : [label(path[0])]));
}

/** Alternatives that are whole families read better as one phrase. */
function summarize(ruleName: string, labels: readonly string[]): string {
  if (ruleName === 'primary' || ruleName === 'prefixed' || ruleName === 'expression') return 'an expression';
  if (ruleName === 'typeRef') return 'a type (`string`, `int`, `bool`, `duration`, `uri` or `status`)';
  if (ruleName === 'trigger') return 'an event (`leg.event`, `Event` or `done(State)`)';
  return oneOf(labels);
}

export const syntaxMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual, previous, ruleName }) {
    const found = describeToken(actual);
    // A `}` was expected where another item could have continued the list: say what the list may hold.
    const closing = expected === t.RCurly ? CLOSING_ALTERNATIVES[ruleName] : undefined;
    if (closing !== undefined) return `expected ${closing}, found ${found}`;
    // A missing name reads best against the word it should follow: "expected a name after `leg`".
    const namesNext = expected === t.Identifier || expected === t.Word || ruleName === 'trigger';
    const where = namesNext && previous.image !== '' ? ` after \`${previous.image}\`` : context(ruleName);
    return `expected ${label(expected)}${where}, found ${found}`;
  },

  buildNotAllInputParsedMessage({ firstRedundant }) {
    return `expected \`flow\`, found ${describeToken(firstRedundant)}`;
  },

  buildNoViableAltMessage({ expectedPathsPerAlt, actual, ruleName }) {
    const labels = expectedPathsPerAlt.flatMap((paths) => firstTokens(paths));
    const found = actual[0];
    return `expected ${summarize(ruleName, labels)}${context(ruleName)}, found ${found === undefined ? 'the end of the file' : describeToken(found)}`;
  },

  buildEarlyExitMessage({ expectedIterationPaths, actual, ruleName }) {
    const found = actual[0];
    return `expected ${oneOf(firstTokens(expectedIterationPaths))}${context(ruleName)}, found ${found === undefined ? 'the end of the file' : describeToken(found)}`;
  },
};
