/**
 * One verb to the statements that run it: push the effect (as data, with the
 * verb's `at`) and move the leg table the way the verb does.
 */
import type { LegState } from '../../runtime/values.js';
import type { ActionIR, ExprIR, NamedExpr } from '../model.js';
import { emitExpr, type ExprAccess } from './expression.js';
import { quote } from './generatedNames.js';

/** Leg state after the verb is sent (docs/semantics.md, leg table). */
const VERB_LEG_STATE: Partial<Record<ActionIR['kind'], LegState>> = {
  dial: 'dialing',
  answer: 'connected',
  hold: 'held',
  unhold: 'connected',
  hangup: 'ended',
  cancel: 'ended',
  reject: 'ended',
  takeover: 'dialing',
};

export function emitAction(action: ActionIR, access: ExprAccess): string[] {
  if (action.kind === 'set') return [`own().${action.variable} = ${emitExpr(action.value, access)};`];
  const lines = [`push(${effectLiteral(action, access)});`];
  const legState = VERB_LEG_STATE[action.kind];
  if (legState !== undefined && 'leg' in action) lines.push(`setLeg(${quote(action.leg)}, ${quote(legState)});`);
  return lines;
}

function effectLiteral(action: Exclude<ActionIR, { kind: 'set' }>, access: ExprAccess): string {
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

/** Every expression an action evaluates, for analyses over a module (event reads, helpers needed). */
export function actionExpressions(action: ActionIR): ExprIR[] {
  const all: (ExprIR | undefined)[] = [];
  switch (action.kind) {
    case 'dial': all.push(action.to, action.from, action.timeout, ...action.headers.map((h) => h.value)); break;
    case 'reject':
    case 'notify':
      all.push(action.status);
      break;
    case 'hold': all.push(action.music); break;
    case 'refer': all.push(action.to); break;
    case 'play': all.push(action.prompt); break;
    case 'collect': all.push(action.max, action.terminator, action.timeout); break;
    case 'emit': all.push(...action.args.map((a) => a.value)); break;
    case 'send': all.push(action.key, ...action.args.map((a) => a.value)); break;
    case 'set': all.push(action.value); break;
    default: break;
  }
  return all.filter((x): x is ExprIR => x !== undefined);
}
