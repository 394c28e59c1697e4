/**
 * Typing of expressions (docs/language.md): resolves bare names (event field,
 * then var, then input), `event.x` / `leg.x`, `in(State)`, and types every
 * operator. Problems are returned as values, tagged by kind so that each rule
 * reports its own; an operand already in error types as `unknown` and raises
 * nothing further, so one mistake gives one diagnostic.
 */
import type { BinaryOperator, Expr, MemberRef, Name, TypeName } from '../grammar/ast.js';
import type { Span } from '../grammar/source.js';
import { didYouMean } from './suggest.js';
import type { ExprScope, FlowSymbols } from './symbols.js';

export type ExprType = TypeName | 'unknown';

export type ExprProblemKind = 'unknown-name' | 'unknown-member' | 'unknown-state' | 'operator';

export interface ExprProblem {
  readonly kind: ExprProblemKind;
  readonly span: Span;
  readonly message: string;
  readonly label?: string;
  readonly help?: string;
}

export interface ExprEnv {
  readonly flow: FlowSymbols;
  readonly scope: ExprScope;
}

/** `from` may be stored where `to` is declared: string literals serve as uris, ints as statuses. */
export function isAssignable(from: ExprType, to: TypeName): boolean {
  return from === 'unknown' || from === to || (to === 'uri' && from === 'string') || (to === 'status' && from === 'int');
}

/** The type of `expr`; problems found on the way are appended to `problems`. */
export function typeExpression(expr: Expr, env: ExprEnv, problems: ExprProblem[]): ExprType {
  switch (expr.kind) {
    case 'StringLiteral':
      return 'string';
    case 'IntLiteral':
      return 'int';
    case 'BoolLiteral':
      return 'bool';
    case 'DurationLiteral':
      return 'duration';
    case 'InState':
      if (!env.flow.stateByName.has(expr.state.text)) {
        problems.push({
          kind: 'unknown-state',
          span: expr.state.span,
          message: `unknown state \`${expr.state.text}\``,
          label: `no state named \`${expr.state.text}\` in flow \`${env.flow.decl.name.text}\``,
          ...help(didYouMean(expr.state.text, env.flow.stateByName.keys())),
        });
      }
      return 'bool';
    case 'NameRef':
      return typeName(expr.name, env, problems);
    case 'MemberRef':
      return typeMember(expr, env, problems);
    case 'Unary': {
      const operand = typeExpression(expr.operand, env, problems);
      if (operand === 'unknown') return expr.operator === '!' ? 'bool' : 'unknown';
      const result = expr.operator === '!' ? (operand === 'bool' ? 'bool' : undefined) : negate(operand);
      if (result !== undefined) return result;
      problems.push({
        kind: 'operator',
        span: expr.span,
        message: `operator \`${expr.operator}\` cannot be applied to \`${operand}\``,
        label: `\`${operand}\``,
      });
      return expr.operator === '!' ? 'bool' : 'unknown';
    }
    case 'Binary': {
      const left = typeExpression(expr.left, env, problems);
      const right = typeExpression(expr.right, env, problems);
      const fallback: ExprType = yieldsBool(expr.operator) ? 'bool' : 'unknown';
      if (left === 'unknown' || right === 'unknown') return fallback;
      const result = binaryType(expr.operator, left, right);
      if (result !== undefined) return result;
      problems.push({
        kind: 'operator',
        span: expr.span,
        message: `operator \`${expr.operator}\` cannot be applied to \`${left}\` and \`${right}\``,
        label: `\`${left}\` ${expr.operator} \`${right}\``,
      });
      return fallback;
    }
  }
}

function help(text: string | undefined): { help?: string } {
  return text === undefined ? {} : { help: text };
}

function typeName(name: Name, env: ExprEnv, problems: ExprProblem[]): ExprType {
  const field = env.scope.fields.get(name.text);
  if (field !== undefined) return field;
  const value = env.flow.values.get(name.text);
  if (value !== undefined) return value.type.name;
  if (env.scope.open) return 'unknown';
  if (env.flow.legs.has(name.text)) {
    problems.push({
      kind: 'unknown-name',
      span: name.span,
      message: `leg \`${name.text}\` is not a value`,
      label: 'a leg, not an event field, var or input',
    });
    return 'unknown';
  }
  if (env.flow.stateByName.has(name.text)) {
    problems.push({
      kind: 'unknown-name',
      span: name.span,
      message: `state \`${name.text}\` is not a value`,
      label: 'a state, not an event field, var or input',
      help: `write \`in(${name.text})\` to test whether the state is active`,
    });
    return 'unknown';
  }
  problems.push({
    kind: 'unknown-name',
    span: name.span,
    message: `unknown name \`${name.text}\``,
    label: env.scope.inEvent ? 'not a field of this event, a var or an input' : 'not a var or an input',
    ...help(didYouMean(name.text, [...env.scope.fields.keys(), ...env.flow.values.keys()])),
  });
  return 'unknown';
}

function typeMember(ref: MemberRef, env: ExprEnv, problems: ExprProblem[]): ExprType {
  const object = ref.object.text;
  const property = ref.property.text;
  const isEventRef = object === 'event' || (env.scope.leg === object && env.scope.inEvent);
  if (isEventRef) {
    if (!env.scope.inEvent) {
      problems.push({
        kind: 'unknown-member',
        span: ref.object.span,
        message: '`event` outside an `on` transition',
        label: 'only `on` guards and actions have an event',
      });
      return 'unknown';
    }
    const field = env.scope.fields.get(property);
    if (field !== undefined) return field;
    if (env.scope.open) return 'unknown';
    problems.push({
      kind: 'unknown-member',
      span: ref.property.span,
      message: `unknown event field \`${property}\``,
      label: env.scope.fields.size === 0 ? 'this event has no fields' : 'not a field of this event',
      ...help(didYouMean(property, env.scope.fields.keys())),
    });
    return 'unknown';
  }
  if (env.flow.legs.has(object)) {
    problems.push({
      kind: 'unknown-member',
      span: ref.span,
      message: `\`${object}.${property}\` is not a field of the current event`,
      label: `the trigger here is not an \`${object}\` event`,
    });
    return 'unknown';
  }
  if (env.scope.open && !env.flow.values.has(object)) return 'unknown';
  problems.push({
    kind: 'unknown-member',
    span: ref.object.span,
    message: `\`${object}\` has no fields`,
    label: 'only `event` and the trigger leg have fields',
  });
  return 'unknown';
}

function yieldsBool(op: BinaryOperator): boolean {
  return op === '&&' || op === '||' || op === '==' || op === '!=' || op === '<' || op === '<=' || op === '>' || op === '>=';
}

function negate(t: TypeName): TypeName | undefined {
  return t === 'int' || t === 'duration' ? t : undefined;
}

const numeric = (t: TypeName): boolean => t === 'int' || t === 'status';
const stringable = (t: TypeName): boolean => t === 'string' || t === 'int' || t === 'uri' || t === 'status';

/** Operator typing per docs/language.md; undefined when the operands do not fit. */
export function binaryType(op: BinaryOperator, l: TypeName, r: TypeName): TypeName | undefined {
  switch (op) {
    case '&&':
    case '||':
      return l === 'bool' && r === 'bool' ? 'bool' : undefined;
    case '==':
    case '!=':
      return comparable(l, r) ? 'bool' : undefined;
    case '<':
    case '<=':
    case '>':
    case '>=':
      return (numeric(l) && numeric(r)) || (l === 'duration' && r === 'duration') ? 'bool' : undefined;
    case '+':
      if (l === 'int' && r === 'int') return 'int';
      if (l === 'duration' && r === 'duration') return 'duration';
      if ((l === 'string' && stringable(r)) || (r === 'string' && stringable(l))) return 'string';
      return undefined;
    case '-':
      if (l === 'int' && r === 'int') return 'int';
      return l === 'duration' && r === 'duration' ? 'duration' : undefined;
    case '*':
      if (l === 'int' && r === 'int') return 'int';
      return (l === 'duration' && r === 'int') || (l === 'int' && r === 'duration') ? 'duration' : undefined;
    case '/':
    case '%':
      return l === 'int' && r === 'int' ? 'int' : undefined;
  }
}

/** `==` holds between equal types, between uri and string, and between status and int. */
function comparable(l: TypeName, r: TypeName): boolean {
  if (l === r) return true;
  const pair = (a: TypeName, b: TypeName): boolean => (l === a && r === b) || (l === b && r === a);
  return pair('uri', 'string') || pair('status', 'int');
}
