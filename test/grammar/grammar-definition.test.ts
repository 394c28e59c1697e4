/**
 * Production builds the lexer and the parser without chevrotain's definition
 * checks and with hand-given start characters (a cold `flowc check` would
 * otherwise pay for both on every start). Here the checks run, and the hints
 * are held against what chevrotain finds without them.
 */
import fc from 'fast-check';
import type { ILexingResult } from 'chevrotain';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Lexer } from '../../grammar/chevrotain-runtime.js';
import { FlowParser } from '../../grammar/parser.js';
import { ALL_TOKENS, createFlowLexer, flowLexer } from '../../grammar/tokens.js';
import { flowsUnder } from './flow-texts.js';

const FLOWS = [...flowsUnder('flows/'), ...flowsUnder('test/fixtures/')];

/** Every character 0..255 (and a few beyond) alone and next to the characters tokens start and end with. */
const CHARACTER_PROBES = Array.from({ length: 256 }, (_, code) => String.fromCharCode(code))
  .concat(['é', '\u2028', '😀'])
  .flatMap((c) => [c, `a${c}b`, `1${c}2`, `${c}x`, `"${c}"`, `/${c}/`, `-${c}>`, `${c}${c}`]);

/** What a tokenization produced, as plain data. */
function lexed(result: ILexingResult): unknown {
  return {
    tokens: result.tokens.map((token) => [token.tokenType.name, token.startOffset, token.image]),
    errors: result.errors.map((error) => [error.offset, error.length]),
    malformed: (result.groups['malformed'] ?? []).map((token) => [token.startOffset, token.image]),
  };
}

describe('the grammar definition', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('passes chevrotain validations of the token definitions, with no warning', () => {
    const warn = vi.spyOn(console, 'warn');
    const error = vi.spyOn(console, 'error');
    expect(() => createFlowLexer(true)).not.toThrow();
    expect(warn).not.toHaveBeenCalled();
    expect(error).not.toHaveBeenCalled();
  });

  it('passes chevrotain validations of the grammar (ambiguities, left recursion, unresolved rules)', () => {
    expect(() => new FlowParser(true)).not.toThrow();
  });

  describe('start characters given by hand', () => {
    // safeMode ignores first-character hints and tries every pattern at every offset: what the patterns alone say.
    const reference = new Lexer([...ALL_TOKENS], { safeMode: true, positionTracking: 'onlyOffset' });
    const same = (text: string): void => {
      expect(lexed(flowLexer().tokenize(text))).toEqual(lexed(reference.tokenize(text)));
    };

    it('lex the flows and fixtures as the patterns alone do', () => {
      for (const text of FLOWS) same(text);
    });

    it('lex every character, in context, as the patterns alone do', () => {
      same(CHARACTER_PROBES.join(' '));
      for (const probe of CHARACTER_PROBES) same(probe);
    });

    it('lex random text as the patterns alone do', () => {
      fc.assert(
        fc.property(
          fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: fc.constantFrom(...'aZ_09 \t\r\n"\\/*{}()-><=!|&+%.,:;#@'), maxLength: 80 })),
          same,
        ),
        { numRuns: 500 },
      );
    });
  });
});
