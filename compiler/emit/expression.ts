/**
 * Typed expression IR to TypeScript source. Binary operands are
 * parenthesised when nested so precedence never depends on the printer.
 */
import type { BinaryOp, ExprIR } from '../model.js';
import { quote } from './generatedNames.js';

/** Where names are read from: the working context (`ctx.x`) or, in `initial()`, locals. */
export interface ExprAccess {
  context(name: string): string;
}

export const WORKING_CONTEXT: ExprAccess = { context: (name) => `ctx.${name}` };

const OPERATORS: Record<Exclude<BinaryOp, 'idiv' | 'mod'>, string> = {
  concat: '+', add: '+', sub: '-', mul: '*', eq: '===', ne: '!==', lt: '<', le: '<=', gt: '>', ge: '>=', and: '&&', or: '||',
};

export function emitExpr(expr: ExprIR, access: ExprAccess): string {
  switch (expr.kind) {
    case 'literal': return emitLiteral(expr.value);
    case 'context': return access.context(expr.name);
    case 'field': return `event.${expr.name}`;
    case 'inState': return `act[${expr.state}] === 1`;
    case 'unary': return `${expr.op === 'not' ? '!' : '-'}${unaryOperand(expr.operand, access)}`;
    case 'toString': return `String(${emitExpr(expr.operand, access)})`;
    case 'binary': {
      if (expr.op === 'idiv' || expr.op === 'mod') {
        return `${expr.op === 'idiv' ? 'idiv' : 'imod'}(${emitExpr(expr.left, access)}, ${emitExpr(expr.right, access)})`;
      }
      // TypeScript rejects comparing two literals of different literal types; the answer is known now.
      if ((expr.op === 'eq' || expr.op === 'ne') && expr.left.kind === 'literal' && expr.right.kind === 'literal') {
        return String((expr.left.value === expr.right.value) === (expr.op === 'eq'));
      }
      return `${operand(expr.left, access, expr.op, 'left')} ${OPERATORS[expr.op]} ${operand(expr.right, access, expr.op, 'right')}`;
    }
  }
}

/** JavaScript precedence of the operators emitted infix (higher binds tighter). */
const PRECEDENCE: Record<Exclude<BinaryOp, 'idiv' | 'mod'>, number> = {
  or: 1, and: 2, eq: 3, ne: 3, lt: 4, le: 4, gt: 4, ge: 4, concat: 5, add: 5, sub: 5, mul: 6,
};

/** An operand of an infix operator, parenthesised only where precedence or left associativity needs it. */
function operand(expr: ExprIR, access: ExprAccess, parent: Exclude<BinaryOp, 'idiv' | 'mod'>, side: 'left' | 'right'): string {
  const text = emitExpr(expr, access);
  return needsParentheses(expr, PRECEDENCE[parent], side) ? `(${text})` : text;
}

function needsParentheses(expr: ExprIR, parent: number, side: 'left' | 'right'): boolean {
  if (expr.kind === 'binary' && expr.op !== 'idiv' && expr.op !== 'mod') {
    const own = PRECEDENCE[expr.op];
    return own < parent || (own === parent && side === 'right');
  }
  if (expr.kind === 'inState') return parent > PRECEDENCE.and;
  return expr.kind === 'literal' && typeof expr.value === 'number' && expr.value < 0;
}

function unaryOperand(expr: ExprIR, access: ExprAccess): string {
  const text = emitExpr(expr, access);
  const simple = expr.kind === 'context' || expr.kind === 'field' || expr.kind === 'toString' || (expr.kind === 'literal' && !(typeof expr.value === 'number' && expr.value < 0));
  return simple ? text : `(${text})`;
}

export function emitLiteral(value: string | number | boolean): string {
  return typeof value === 'string' ? quote(value) : String(value);
}

/** Whether an expression reads the payload of the event being handled. */
export function readsEvent(expr: ExprIR | undefined): boolean {
  if (expr === undefined) return false;
  switch (expr.kind) {
    case 'field': return true;
    case 'unary':
    case 'toString':
      return readsEvent(expr.operand);
    case 'binary': return readsEvent(expr.left) || readsEvent(expr.right);
    default: return false;
  }
}

/** Whether an expression uses integer division or remainder (so the module needs `idiv`/`imod`). */
export function usesOperator(expr: ExprIR | undefined, op: 'idiv' | 'mod'): boolean {
  if (expr === undefined) return false;
  switch (expr.kind) {
    case 'unary':
    case 'toString':
      return usesOperator(expr.operand, op);
    case 'binary': return expr.op === op || usesOperator(expr.left, op) || usesOperator(expr.right, op);
    default: return false;
  }
}
