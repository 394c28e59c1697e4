import { describe, expect, it } from 'vitest';
import { expressionText } from '../../../compiler/graph/expression-text.js';
import type { ExprIR } from '../../../compiler/model.js';
import { transitionLabel } from '../../../compiler/graph/transition-label.js';
import { modelsOfText, onlyModel } from './flow-models.js';

const model = onlyModel(
  modelsOfText(`
flow G {
  input limit: int = 3
  input grace: duration = 10s
  var n: int = 0
  var flag: bool = false
  event E(a: int, b: int, c: int, s: string, ok: bool)
  initial state Idle {
    on E when (ok || flag) && a < limit -> Idle
    on E when ok || flag && a < limit -> Idle
    on E when a - (b - c) > 0 -> Idle
    on E when a - b - c > 0 -> Idle
    on E when a * (b + c) == n -> Idle
    on E when !(ok && flag) -> Idle
    on E when !in(Idle) -> Idle
    on E when s == "say \\"hi\\"" + "!" -> Idle
    on E when (a < b) == ok -> Idle
    after grace + 1500ms -> Idle
  }
}
`),
);

const labels = model.transitions.map((t) => transitionLabel(model, t));

describe('expressionText', () => {
  it('keeps only the parentheses precedence needs', () => {
    expect(labels[0]).toBe('E [(ok || flag) && a < limit]');
    expect(labels[1]).toBe('E [ok || flag && a < limit]');
    expect(labels[4]).toBe('E [a * (b + c) == n]');
  });

  it('keeps right operands of left-associative operators parenthesised', () => {
    expect(labels[2]).toBe('E [a - (b - c) > 0]');
    expect(labels[3]).toBe('E [a - b - c > 0]');
  });

  it('prints negations, in(), string escapes and nested comparisons as source', () => {
    expect(labels[5]).toBe('E [!(ok && flag)]');
    expect(labels[6]).toBe('E [!in(Idle)]');
    expect(labels[7]).toBe('E [s == "say \\"hi\\"" + "!"]');
    expect(labels[8]).toBe('E [(a < b) == ok]');
  });

  it('prints durations in the units an author writes', () => {
    expect(labels[9]).toBe('after grace + 1500ms');
  });

  it('does not merge a minus sign into a negative literal', () => {
    const minusOne: ExprIR = { kind: 'literal', type: 'int', value: -1 };
    expect(expressionText(model, { kind: 'unary', type: 'int', op: 'neg', operand: minusOne })).toBe('-(-1)');
  });

  it('leaves implicit conversions to text invisible', () => {
    const n: ExprIR = { kind: 'context', type: 'int', name: 'n' };
    expect(expressionText(model, { kind: 'toString', type: 'string', operand: n })).toBe('n');
  });
});
