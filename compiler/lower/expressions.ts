/**
 * Expressions to typed IR: names bound (event field, then var, then input),
 * and each operator given its meaning from the operand types, so emit never
 * has to guess whether `+` concatenates or adds, or that `/` truncates.
 */
import type { Binary, BinaryOperator, Expr } from '../../grammar/ast.js';
import type { ValueType } from '../../runtime/values.js';
import type { BinaryOp, ExprIR, StateId } from '../model.js';
import type { LoweringErrors } from './loweringErrors.js';

export interface ExprScope {
  /** Inputs and vars readable here (in `initial()`, only those declared before). */
  readonly context: ReadonlyMap<string, ValueType>;
  /** Payload fields of the event being handled; undefined outside `on` of a leg/application event. */
  readonly fields?: ReadonlyMap<string, ValueType>;
  readonly states: ReadonlyMap<string, StateId>;
  readonly errors: LoweringErrors;
}

/** What an unresolvable expression lowers to, after reporting it, so lowering can go on. */
const POISON: ExprIR = { kind: 'literal', type: 'bool', value: false };

export function lowerExpr(expr: Expr, scope: ExprScope): ExprIR {
  switch (expr.kind) {
    case 'StringLiteral': return { kind: 'literal', type: 'string', value: expr.value };
    case 'IntLiteral': return { kind: 'literal', type: 'int', value: expr.value };
    case 'BoolLiteral': return { kind: 'literal', type: 'bool', value: expr.value };
    case 'DurationLiteral': return { kind: 'literal', type: 'duration', value: expr.ms };
    case 'NameRef': return lowerName(expr.name.text, expr, scope);
    case 'MemberRef': {
      const type = expr.object.text === 'event' ? scope.fields?.get(expr.property.text) : undefined;
      if (type === undefined) {
        scope.errors.unresolved(`cannot resolve \`${expr.object.text}.${expr.property.text}\``, expr.span);
        return POISON;
      }
      return { kind: 'field', type, name: expr.property.text };
    }
    case 'InState': {
      const state = scope.states.get(expr.state.text);
      if (state === undefined) {
        scope.errors.unresolved(`unknown state \`${expr.state.text}\``, expr.state.span);
        return POISON;
      }
      return { kind: 'inState', type: 'bool', state };
    }
    case 'Unary': {
      const operand = lowerExpr(expr.operand, scope);
      return expr.operator === '!'
        ? { kind: 'unary', type: 'bool', op: 'not', operand }
        : { kind: 'unary', type: operand.type, op: 'neg', operand };
    }
    case 'Binary': return lowerBinary(expr, scope);
  }
}

function lowerName(name: string, expr: Expr, scope: ExprScope): ExprIR {
  const field = scope.fields?.get(name);
  if (field !== undefined) return { kind: 'field', type: field, name };
  const context = scope.context.get(name);
  if (context !== undefined) return { kind: 'context', type: context, name };
  scope.errors.unresolved(`cannot resolve \`${name}\``, expr.span);
  return POISON;
}

function lowerBinary(expr: Binary, scope: ExprScope): ExprIR {
  const left = lowerExpr(expr.left, scope);
  const right = lowerExpr(expr.right, scope);
  const { op, type } = binaryMeaning(expr.operator, left.type, right.type);
  return { kind: 'binary', type, op, left, right };
}

const COMPARISONS: Partial<Record<BinaryOperator, BinaryOp>> = {
  '==': 'eq', '!=': 'ne', '<': 'lt', '<=': 'le', '>': 'gt', '>=': 'ge', '&&': 'and', '||': 'or',
};

function isText(type: ValueType): boolean {
  return type === 'string' || type === 'uri';
}

/** The operator's meaning and result type, per docs/language.md (Types). */
export function binaryMeaning(operator: BinaryOperator, left: ValueType, right: ValueType): { op: BinaryOp; type: ValueType } {
  const comparison = COMPARISONS[operator];
  if (comparison !== undefined) return { op: comparison, type: 'bool' };
  switch (operator) {
    case '+':
      if (isText(left) || isText(right)) return { op: 'concat', type: 'string' };
      return { op: 'add', type: arithmeticType(left, right) };
    case '-': return { op: 'sub', type: arithmeticType(left, right) };
    case '*': return { op: 'mul', type: arithmeticType(left, right) };
    // duration / duration is a ratio (int); duration / int stays a duration.
    case '/': return { op: 'idiv', type: left === 'duration' && right === 'duration' ? 'int' : arithmeticType(left, right) };
    default: return { op: 'mod', type: left };
  }
}

function arithmeticType(left: ValueType, right: ValueType): ValueType {
  if (left === 'duration' || right === 'duration') return 'duration';
  if (left === right) return left;
  return 'int';
}

/** Wraps a non-text expression so an effect's string field gets text. */
export function asText(expr: ExprIR): ExprIR {
  return isText(expr.type) ? expr : { kind: 'toString', type: 'string', operand: expr };
}
