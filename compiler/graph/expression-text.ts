/**
 * Guards and delays printed back as flow source from the IR, with only the
 * parentheses the language's precedence needs (|| < && < comparisons < + - <
 * * / %), so a label reads like the `when` clause it came from.
 */
import type { BinaryOp, ExprIR, FlowModel } from '../model.js';
import { durationText } from './duration-text.js';
import { stateName } from './state-tree.js';

const OPERATOR: Readonly<Record<BinaryOp, readonly [text: string, precedence: number]>> = {
  or: ['||', 1],
  and: ['&&', 2],
  eq: ['==', 3],
  ne: ['!=', 3],
  lt: ['<', 3],
  le: ['<=', 3],
  gt: ['>', 3],
  ge: ['>=', 3],
  concat: ['+', 4],
  add: ['+', 4],
  sub: ['-', 4],
  mul: ['*', 5],
  idiv: ['/', 5],
  mod: ['%', 5],
};
const COMPARISON = 3;
/** Binds tighter than any binary operator. */
const ATOM = 6;

export function expressionText(model: FlowModel, expr: ExprIR): string {
  switch (expr.kind) {
    case 'literal':
      return literalText(expr.type, expr.value);
    case 'context':
    case 'field':
      return expr.name;
    case 'inState':
      return `in(${stateName(model, expr.state)})`;
    case 'unary':
      return unaryText(model, expr.op === 'not' ? '!' : '-', expr.operand);
    case 'binary':
      return binaryText(model, expr.op, expr.left, expr.right);
    case 'toString':
      // an implicit conversion the author never wrote
      return expressionText(model, expr.operand);
  }
}

function literalText(type: string, value: string | number | boolean): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' && type === 'duration') return durationText(value);
  return String(value);
}

function unaryText(model: FlowModel, op: string, operand: ExprIR): string {
  const text = operandText(model, operand, ATOM);
  // `- -1` must not print as `--1`
  return text.startsWith('-') ? `${op}(${text})` : `${op}${text}`;
}

function binaryText(model: FlowModel, op: BinaryOp, left: ExprIR, right: ExprIR): string {
  const [text, precedence] = OPERATOR[op];
  // left associative; comparisons do not chain, so a comparison under a comparison keeps its parentheses
  const leftMinimum = precedence === COMPARISON ? precedence + 1 : precedence;
  return `${operandText(model, left, leftMinimum)} ${text} ${operandText(model, right, precedence + 1)}`;
}

/** `expr`, parenthesised when it binds looser than `minimum`. */
function operandText(model: FlowModel, expr: ExprIR, minimum: number): string {
  const text = expressionText(model, expr);
  return precedenceOf(expr) < minimum ? `(${text})` : text;
}

function precedenceOf(expr: ExprIR): number {
  if (expr.kind === 'binary') return OPERATOR[expr.op][1];
  if (expr.kind === 'toString') return precedenceOf(expr.operand);
  return ATOM;
}
