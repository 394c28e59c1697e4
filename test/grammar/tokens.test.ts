import { describe, expect, it } from 'vitest';
import { LineIndex } from '../../grammar/line-index.js';
import { flowLexer } from '../../grammar/tokens.js';
import { at, codes } from './harness.js';

function lex(text: string): { names: string[]; images: string[]; errors: number } {
  const result = flowLexer().tokenize(text);
  return {
    names: result.tokens.map((token) => token.tokenType.name),
    images: result.tokens.map((token) => token.image),
    errors: result.errors.length,
  };
}

describe('tokens', () => {
  it('prefers the longer name over a keyword prefix (longer_alt)', () => {
    expect(lex('in input int interval states state flowing flow').names).toEqual([
      'In', 'Input', 'Int', 'Name', 'Name', 'State', 'Name', 'Flow',
    ]);
  });

  it('lexes every duration unit as one token', () => {
    expect(lex('2s 500ms 1m 1h').names).toEqual(['Duration', 'Duration', 'Duration', 'Duration']);
    expect(lex('500ms').images).toEqual(['500ms']);
  });

  it('keeps digits glued to a non-unit as one malformed duration', () => {
    expect(lex('5sec 10x 1mss').names).toEqual(['MalformedDuration', 'MalformedDuration', 'MalformedDuration']);
  });

  it('separates an integer from a following operator or name', () => {
    expect(lex('2+3 4 s').names).toEqual(['Integer', 'Plus', 'Integer', 'Integer', 'Name']);
  });

  it('lexes `->` as one token and not as minus and greater', () => {
    expect(lex('a->b a - > b').names).toEqual(['Name', 'Arrow', 'Name', 'Name', 'Minus', 'Greater', 'Name']);
  });

  it('lexes two-character operators before their one-character prefixes', () => {
    expect(lex('<= >= == != && || = < > !').names).toEqual([
      'LessEq', 'GreaterEq', 'EqEq', 'NotEq', 'AndOp', 'OrOp', 'Equals', 'Less', 'Greater', 'Bang',
    ]);
  });

  it('skips comments and keeps line and column of what follows', () => {
    const text = '/* a\n  block */ flow // line\n  /**/A';
    const lines = new LineIndex(text);
    expect(flowLexer().tokenize(text).tokens.map((t) => [t.image, at(lines.tokenSpan(t))])).toEqual([
      ['flow', '2:12'],
      ['A', '3:7'],
    ]);
  });

  it('counts \\r\\n as one line break, and a lone \\r as one too', () => {
    const text = 'flow\r\n\r\n  A\rB';
    const lines = new LineIndex(text);
    expect(flowLexer().tokenize(text).tokens.map((t) => at(lines.tokenSpan(t)))).toEqual(['1:1', '3:3', '4:1']);
  });

  it('gives every token its end offset (the parser needs it for node locations)', () => {
    const text = 'flow Abc { on x.hangup -> "s t" } 12 5s';
    const tokens = flowLexer().tokenize(text).tokens;
    expect(tokens.length).toBe(12);
    expect(tokens.map((t) => t.endOffset)).toEqual(tokens.map((t) => t.startOffset + t.image.length - 1));
  });

  it('lexes strings with escapes as one token', () => {
    expect(lex('"a\\"b" "c\\\\" "d"').names).toEqual(['StringLiteral', 'StringLiteral', 'StringLiteral']);
  });
});

describe('lexical diagnostics', () => {
  it('reports an invalid character at its position, once per run', () => {
    expect(codes('flow A {\n  @@ leg x #\n}')).toEqual([
      { code: 'FLOW1004', line: 2, column: 3 },
      { code: 'FLOW1004', line: 2, column: 12 },
    ]);
  });

  it('reports an unterminated string and still parses the rest', () => {
    expect(codes('flow A {\n  input s: string = "abc\n  leg x\n}')).toEqual([{ code: 'FLOW1003', line: 2, column: 21 }]);
  });

  it('reports an invalid duration unit', () => {
    expect(codes('flow A { input t: duration = 5sec }')).toEqual([{ code: 'FLOW1005', line: 1, column: 30 }]);
  });

  it('reports integers and durations beyond the safe integer range', () => {
    expect(codes('flow A { var n: int = 9007199254740993 var d: duration = 9007199254740991h }')).toEqual([
      { code: 'FLOW1006', line: 1, column: 23 },
      { code: 'FLOW1006', line: 1, column: 58 },
    ]);
  });

  it('accepts the largest safe integer', () => {
    expect(codes('flow A { var n: int = 9007199254740991 }')).toEqual([]);
  });

  it('reports an unterminated block comment at its opening', () => {
    expect(codes('flow A {}\n  /* never closed\n')).toEqual([{ code: 'FLOW1007', line: 2, column: 3 }]);
  });

  it('reports an invalid escape at the backslash', () => {
    expect(codes('flow A { input s: string = "a\\qb" }')).toEqual([{ code: 'FLOW1008', line: 1, column: 30 }]);
  });
});
