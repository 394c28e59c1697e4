/**
 * One verb to the statements that run it: push the effect (as data, with the
 * verb's `at`) and move the leg table the way the verb does.
 */
import type { LegState } from '../../runtime/values.js';
import type { ActionIR } from '../model.js';
import { effectLiteral, isStaticAction, staticEffectName } from './effectLiterals.js';
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
  if (action.kind === 'set') return [`writableContext().${action.variable} = ${emitExpr(action.value, access)};`];
  const lines = [`push(${isStaticAction(action) ? staticEffectName(action.kind, action.at) : effectLiteral(action, access)});`];
  const legState = VERB_LEG_STATE[action.kind];
  if (legState !== undefined && 'leg' in action) lines.push(legMove(action.leg, legState));
  return lines;
}

/**
 * Moves a leg in the leg table. Written with the leg's name as a static
 * property (not `legs[leg]`) so the engine keeps one object shape for the table.
 */
export function legMove(leg: string, state: LegState): string {
  return `if (legs.${leg} !== ${quote(state)}) writableLegs().${leg} = ${quote(state)};`;
}
