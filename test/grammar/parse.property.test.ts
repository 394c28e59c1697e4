import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFlowFile } from '../../grammar/index.js';
import type { Position, Span } from '../../grammar/source.js';
import { flowLexer } from '../../grammar/tokens.js';

const seed = readFileSync(new URL('../../flows/pom/external-transfer.flow', import.meta.url), 'utf8');

/** Words and marks that make mutations land in interesting places: keywords, punctuation, literals, junk. */
const VOCABULARY = [
  'flow', 'state', 'initial', 'final', 'parallel', 'on', 'after', 'when', 'entry', 'exit', 'leg', 'input', 'var', 'event', 'emit', 'key',
  'dial', 'to', 'from', 'timeout', 'headers', 'hangup', 'refer', 'replacing', 'hold', 'music', 'collect', 'digits', 'send', 'set', 'done', 'in',
  'status', 'string', 'int', '{', '}', '(', ')', '->', '.', ',', ':', ';', '=', '==', '<', '&&', '||', '!', '-', '+', '*',
  '"x"', '"open', '42', '2s', '5sec', '99999999999999999999', 'Name', '@', '#', '/*', '*/', '//', '\\', '\n', 'é',
];

interface Piece {
  readonly image: string;
  /** The text between this token and the next one (whitespace, comments). */
  readonly gap: string;
}

/** The seed as tokens with the layout between them, so mutations keep the rest of the text as written. */
function pieces(text: string): Piece[] {
  const tokens = flowLexer().tokenize(text).tokens;
  return tokens.map((token, i) => {
    const end = token.startOffset + token.image.length;
    const next = tokens[i + 1]?.startOffset ?? text.length;
    return { image: token.image, gap: text.slice(end, next) };
  });
}

const seedPieces = pieces(seed);
const leading = seed.slice(0, flowLexer().tokenize(seed).tokens[0]?.startOffset ?? 0);

type Mutation =
  | { readonly kind: 'delete'; readonly at: number }
  | { readonly kind: 'insert'; readonly at: number; readonly word: string }
  | { readonly kind: 'swap'; readonly at: number; readonly with: number };

const index = fc.nat({ max: seedPieces.length - 1 });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  index.map((at) => ({ kind: 'delete', at }) as const),
  fc.tuple(index, fc.constantFrom(...VOCABULARY)).map(([at, word]) => ({ kind: 'insert', at, word }) as const),
  fc.tuple(index, index).map(([at, other]) => ({ kind: 'swap', at, with: other }) as const),
);

function mutate(mutations: readonly Mutation[]): string {
  const images = seedPieces.map((p) => p.image);
  const gaps = seedPieces.map((p) => p.gap);
  for (const m of mutations) {
    const at = Math.min(m.at, images.length - 1);
    if (at < 0) break;
    if (m.kind === 'delete') images[at] = '';
    else if (m.kind === 'insert') images[at] = `${m.word} ${images[at] ?? ''}`;
    else {
      const other = Math.min(m.with, images.length - 1);
      const a = images[at] ?? '';
      images[at] = images[other] ?? '';
      images[other] = a;
    }
  }
  return leading + images.map((image, i) => image + (gaps[i] ?? '')).join('');
}

/** Positions of every offset, computed once per text (positionAt per span would make the test quadratic). */
function positionTable(text: string): Position[] {
  const table: Position[] = [];
  let line = 1;
  let column = 1;
  for (let offset = 0; offset <= text.length; offset++) {
    table.push({ offset, line, column });
    const c = text.charAt(offset);
    if (c === '\n' || (c === '\r' && text.charAt(offset + 1) !== '\n')) {
      line++;
      column = 1;
    } else column++;
  }
  return table;
}

const samePosition = (a: Position, b: Position | undefined): boolean =>
  b !== undefined && a.offset === b.offset && a.line === b.line && a.column === b.column;

/** What is wrong with a span, if anything (plain checks: an `expect` per span makes the test crawl). */
function spanProblem(text: string, table: readonly Position[], span: Span): string | undefined {
  const { start, end } = span;
  if (!(start.offset >= 0 && start.offset <= end.offset && end.offset <= text.length)) return `out of bounds ${start.offset}..${end.offset}`;
  // Line and column must agree with the offset, not just be in range.
  if (!samePosition(start, table[start.offset]) || !samePosition(end, table[end.offset])) return `line/column disagree with offset at ${start.offset}`;
  return undefined;
}

/** Every `span` in the AST, found by walking it as data. */
function astSpans(node: unknown, out: Span[] = []): Span[] {
  if (Array.isArray(node)) {
    for (const item of node) astSpans(item, out);
  } else if (typeof node === 'object' && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'span') out.push(value as Span);
      else astSpans(value, out);
    }
  }
  return out;
}

function checkParse(text: string): void {
  const { file, diagnostics } = parseFlowFile({ path: 'fuzz.flow', text });
  const table = positionTable(text);
  const problems: string[] = [];
  for (const d of diagnostics) {
    if (!/^FLOW1\d{3}$/.test(d.code)) problems.push(`code ${d.code}`);
    const problem = spanProblem(text, table, d.span);
    if (problem !== undefined) problems.push(`diagnostic ${d.code}: ${problem}`);
  }
  for (const span of astSpans(file)) {
    const problem = spanProblem(text, table, span);
    if (problem !== undefined) problems.push(`ast: ${problem}`);
  }
  expect(problems).toEqual([]);
}

describe('parseFlowFile on any input', () => {
  it('never throws and keeps every span in bounds on random text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.string({ unit: 'grapheme', maxLength: 200 }),
          // Layout characters and string/comment delimiters, where line counting and unterminated literals go wrong.
          fc.string({ unit: fc.constantFrom(...'a1 \t\r\n\u2028"\\/*{}-'), maxLength: 200 }),
        ),
        (text) => checkParse(text),
      ),
      { numRuns: 300 },
    );
  });

  it('never throws on random token soup', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...VOCABULARY), { maxLength: 120 }), (words) => checkParse(words.join(' '))),
      { numRuns: 300 },
    );
  });

  it('keeps a unary operator whose operand recovery dropped in order (a shrunk counterexample: `code! : ...`)', () => {
    checkParse(mutate([{ kind: 'insert', at: 247, word: '!' }, { kind: 'delete', at: 1 }]));
  });

  it('never throws on mutations of external-transfer.flow (delete, insert, swap tokens)', () => {
    expect(mutate([])).toBe(seed);
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 8 }), (mutations) => checkParse(mutate(mutations))),
      { numRuns: 300 },
    );
  });
});
