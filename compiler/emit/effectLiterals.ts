/**
 * Effects as object literals. An effect whose fields are all known at
 * compile time is declared once at module level and pushed by name, so a
 * step allocates only the effects that depend on the call.
 */
import type { SourceRef } from '../../runtime/values.js';
import type { ActionIR, ExprIR, NamedExpr } from '../model.js';
import { actionExpressions } from './actionExpressions.js';
import { emitExpr, type ExprAccess } from './expression.js';
import { quote } from './generatedNames.js';
import { sourceRefLiteral } from './sourceRefLiteral.js';

export function effectLiteral(action: Exclude<ActionIR, { kind: 'set' }>, access: ExprAccess): string {
  const e = (expr: ExprIR): string => emitExpr(expr, access);
  const fields: [string, string | undefined][] = [['kind', quote(action.kind)]];
  switch (action.kind) {
    case 'dial':
      fields.push(['leg', quote(action.leg)], ['to', e(action.to)], ['from', opt(action.from, e)]);
      fields.push(['headers', record(action.headers, access, quote)], ['timeoutMs', opt(action.timeout, e)]);
      break;
    case 'answer':
    case 'hangup':
    case 'cancel':
    case 'unhold':
    case 'takeover':
      fields.push(['leg', quote(action.leg)]);
      break;
    case 'reject':
    case 'notify':
      fields.push(['leg', quote(action.leg)], ['status', e(action.status)]);
      break;
    case 'hold': fields.push(['leg', quote(action.leg)], ['music', opt(action.music, e)]); break;
    case 'bridge': fields.push(['a', quote(action.a)], ['b', quote(action.b)]); break;
    case 'unbridge': fields.push(['a', quote(action.a)], ['b', action.b === undefined ? undefined : quote(action.b)]); break;
    case 'conference': fields.push(['legs', `[${action.legs.map(quote).join(', ')}]`]); break;
    case 'refer': fields.push(['leg', quote(action.leg)], ['to', e(action.to)]); break;
    case 'referReplacing': fields.push(['leg', quote(action.leg)], ['replacing', quote(action.replacing)]); break;
    case 'play': fields.push(['leg', quote(action.leg)], ['prompt', e(action.prompt)]); break;
    case 'collect':
      fields.push(['leg', quote(action.leg)], ['max', opt(action.max, e)], ['terminator', opt(action.terminator, e)]);
      fields.push(['timeoutMs', opt(action.timeout, e)]);
      break;
    case 'emit': fields.push(['event', quote(action.event)], ['payload', record(action.args, access, (name) => name)]); break;
    case 'send':
      fields.push(['flow', quote(action.flow)], ['key', e(action.key)], ['event', quote(action.event)]);
      fields.push(['payload', record(action.args, access, (name) => name)]);
      break;
  }
  fields.push(['at', `{ line: ${action.at.line}, column: ${action.at.column} }`]);
  return `{ ${fields.flatMap(([k, v]) => (v === undefined ? [] : [`${k}: ${v}`])).join(', ')} }`;
}

function opt(expr: ExprIR | undefined, e: (expr: ExprIR) => string): string | undefined {
  return expr === undefined ? undefined : e(expr);
}

/** An object literal; header names need quoting, payload field names are identifiers. */
function record(entries: readonly NamedExpr[], access: ExprAccess, key: (name: string) => string): string {
  if (entries.length === 0) return '{}';
  return `{ ${entries.map((n) => `${key(n.name)}: ${emitExpr(n.value, access)}`).join(', ')} }`;
}

/** True when the expression reads nothing from the call (context, event, configuration). */
export function isConstantExpr(expr: ExprIR): boolean {
  switch (expr.kind) {
    case 'literal': return true;
    case 'context':
    case 'field':
    case 'inState':
      return false;
    case 'unary':
    case 'toString':
      return isConstantExpr(expr.operand);
    case 'binary': return isConstantExpr(expr.left) && isConstantExpr(expr.right);
  }
}

export function isStaticAction(action: ActionIR): action is Exclude<ActionIR, { kind: 'set' }> {
  return action.kind !== 'set' && actionExpressions(action).every(isConstantExpr);
}

/** `E_<kind>_<line>_<column>`: unique, as one source position holds one verb (or one `after`). */
export function staticEffectName(kind: string, at: SourceRef): string {
  return `E_${kind}_${at.line}_${at.column}`;
}

export function startTimerLiteral(timer: string, delay: string, at: SourceRef): string {
  return `{ kind: "startTimer", timer: ${quote(timer)}, delayMs: ${delay}, at: ${sourceRefLiteral(at)} }`;
}

export function cancelTimerLiteral(timer: string, at: SourceRef): string {
  return `{ kind: "cancelTimer", timer: ${quote(timer)}, at: ${sourceRefLiteral(at)} }`;
}
