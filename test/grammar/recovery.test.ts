import { describe, expect, it } from 'vitest';
import { codes, parse } from './harness.js';

/** One flow with an error in nearly every kind of construct; line numbers are part of the expectation. */
const BROKEN = `flow A {
  leg agent
  input agentUri uri
  state Nailing {
    entry { dial agent agentUri timeout 30s }
    on agent.answered Outreach
    on agent.failed -> Failed
  }
  state Outreach {
    entry { hangup }
    after -> Failed
    on X when a + -> Failed
  }
  final state Failed
}
flow B {
  state { }
  state C { on -> D }
  state D { entry { bogus x; hangup y } }
}`;

describe('syntax error recovery', () => {
  it('reports every error of a file, each at its offending token', () => {
    expect(codes(BROKEN)).toEqual([
      { code: 'FLOW1002', line: 3, column: 18 }, // missing `:`
      { code: 'FLOW1002', line: 5, column: 24 }, // missing `to`
      { code: 'FLOW1002', line: 6, column: 23 }, // missing `->`
      { code: 'FLOW1002', line: 10, column: 20 }, // missing leg after `hangup`
      { code: 'FLOW1001', line: 11, column: 11 }, // missing delay
      { code: 'FLOW1001', line: 12, column: 19 }, // missing right operand
      { code: 'FLOW1002', line: 17, column: 9 }, // missing state name
      { code: 'FLOW1001', line: 18, column: 16 }, // missing trigger
      { code: 'FLOW1002', line: 19, column: 21 }, // not a verb
    ]);
  });

  it('keeps the rest of the file in the AST', () => {
    const { file } = parse(BROKEN);
    expect(file.flows.map((f) => f.name.text)).toEqual(['A', 'B']);
    const [a, b] = file.flows;
    expect(a?.states.map((s) => s.name.text)).toEqual(['Nailing', 'Outreach', 'Failed']);
    expect(a?.states[0]?.transitions.map((t) => t.target?.text)).toEqual([undefined, 'Failed']);
    expect(a?.states[0]?.entry[0]?.actions[0]).toMatchObject({ kind: 'Dial', leg: { text: 'agent' }, timeout: { ms: 30_000 } });
    expect(b?.states.map((s) => s.name.text)).toEqual(['', 'C', 'D']);
    expect(b?.states[2]?.entry[0]?.actions).toMatchObject([{ kind: 'Hangup', leg: { text: 'y' } }]);
  });

  it('fills what is missing with empty names at the construct', () => {
    const { file } = parse(BROKEN);
    const hangup = file.flows[0]?.states[1]?.entry[0]?.actions[0];
    expect(hangup).toMatchObject({ kind: 'Hangup', leg: { kind: 'Name', text: '' } });
    expect(hangup?.kind === 'Hangup' && hangup.leg.span.start).toEqual(hangup?.span.start);
  });

  it('words messages in lowercase, without a final period, with tokens in backticks', () => {
    const { diagnostics } = parse(BROKEN);
    expect(diagnostics.map((d) => d.message)).toContain('expected `->` or `{` after the trigger, found `Outreach`');
    expect(diagnostics.map((d) => d.message)).toContain('expected `:` in the `input` declaration, found `uri`');
    for (const d of diagnostics) {
      expect(d.message).toMatch(/^[a-z]/);
      expect(d.message).not.toMatch(/\.$/);
      expect(d).toMatchObject({ severity: 'error', path: 'test.flow', related: [] });
    }
  });

  it('spans exactly the offending token', () => {
    const { diagnostics, text } = parse(BROKEN);
    expect(diagnostics.map((d) => text.slice(d.span.start.offset, d.span.end.offset))).toEqual([
      'uri', 'agentUri', 'Outreach', '}', '->', '->', '{', '->', 'bogus',
    ]);
  });

  it('reports a missing closing brace at the end of the file', () => {
    const text = 'flow A {\n  state S {\n    on X -> S\n';
    const { diagnostics } = parse(text);
    expect(diagnostics.map((d) => ({ code: d.code, start: d.span.start, end: d.span.end }))).toEqual([
      { code: 'FLOW1002', start: { offset: text.length, line: 4, column: 1 }, end: { offset: text.length, line: 4, column: 1 } },
    ]);
    expect(parse(text).file.flows[0]?.states[0]?.transitions).toHaveLength(1);
  });

  it('reports what may not stand at the top level and goes on', () => {
    expect(codes('state S {}\nflow A { leg }\n')).toEqual([
      { code: 'FLOW1002', line: 1, column: 1 },
      { code: 'FLOW1002', line: 2, column: 14 },
    ]);
  });

  it('reports an unknown type', () => {
    expect(codes('flow A {\n  input x: number\n}')).toEqual([{ code: 'FLOW1001', line: 2, column: 12 }]);
  });

  it('reports duplicate clauses at the repeated keyword', () => {
    expect(codes('flow A { state S { entry { dial a to u timeout 1s timeout 2s; collect a digits max 1 max 2 } } }')).toEqual([
      { code: 'FLOW1009', line: 1, column: 51 },
      { code: 'FLOW1009', line: 1, column: 86 },
    ]);
  });

  it('points a duplicate clause back at the first one', () => {
    const text = 'flow A { state S { entry { dial a to u headers {} timeout 1s headers { "X": 1 } } } }';
    const [duplicate] = parse(text).diagnostics;
    expect(duplicate?.code).toBe('FLOW1009');
    expect(duplicate && text.slice(duplicate.span.start.offset, duplicate.span.end.offset)).toBe('headers');
    expect(duplicate?.span.start.column).toBe(62);
    expect(duplicate?.related.map((r) => ({ column: r.span.start.column, label: r.label }))).toEqual([{ column: 40, label: 'first `headers` here' }]);
  });

  it('reports `replacing` after something other than a leg name', () => {
    expect(codes('flow A { state S { entry { refer a to "sip:b" replacing } } }')).toEqual([{ code: 'FLOW1010', line: 1, column: 39 }]);
  });

  it('orders diagnostics by position, lexical and syntactic together', () => {
    const offsets = parse('flow A { @ state S { on -> } # }\nflow { "x }').diagnostics.map((d) => d.span.start.offset);
    expect(offsets.length).toBeGreaterThanOrEqual(4);
    expect(offsets).toEqual([...offsets].sort((x, y) => x - y));
  });
});

describe('pathological nesting', () => {
  it('reports brackets nested beyond the limit instead of overflowing the stack', () => {
    const deepStates = `flow A {\n${'state S { '.repeat(200)}${'}'.repeat(200)}\n}`;
    expect(codes(deepStates)).toEqual([{ code: 'FLOW1012', line: 2, column: 1 + 10 * 127 + 8 }]);
    const deepParens = `flow A { var x: int = ${'('.repeat(5000)}1${')'.repeat(5000)} }`;
    expect(codes(deepParens).map((d) => d.code)).toEqual(['FLOW1012']);
    expect(parse(deepParens).file.flows).toEqual([]);
  });

  it('parses nesting up to the limit', () => {
    const states = `flow A {\n${'state S { '.repeat(100)}${'}'.repeat(100)}\n}`;
    expect(codes(states)).toEqual([]);
    expect(codes(`flow A { var x: int = ${'('.repeat(120)}1${')'.repeat(120)} }`)).toEqual([]);
  });

  it('reads long flat chains without recursion', () => {
    const operands = Array.from({ length: 20_000 }, (_, i) => `x${i}`).join(' + ');
    expect(codes(`flow A { var x: int = ${'!'.repeat(20_000)}${operands} }`)).toEqual([]);
  });
});
