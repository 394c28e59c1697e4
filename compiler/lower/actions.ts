/**
 * Verbs to action IR: legs checked against the declarations, expressions
 * lowered, and text conversions made explicit where an effect carries a
 * string (URIs, headers, music, prompts, send keys).
 */
import type { Action, Argument, Block, Name } from '../../grammar/ast.js';
import type { ActionIR, NamedExpr } from '../model.js';
import type { Declarations } from './declarations.js';
import { asText, lowerExpr, type ExprScope } from './expressions.js';
import { sourceRef } from './sourceRef.js';

export interface ActionScope extends ExprScope {
  readonly declarations: Declarations;
}

export function lowerBlocks(blocks: readonly Block[], scope: ActionScope): ActionIR[] {
  return blocks.flatMap((block) => block.actions.map((action) => lowerAction(action, scope)));
}

export function lowerAction(action: Action, scope: ActionScope): ActionIR {
  const at = sourceRef(action.span);
  const leg = (name: Name): string => legName(name, scope);
  const expr = (e: Parameters<typeof lowerExpr>[0]) => lowerExpr(e, scope);
  switch (action.kind) {
    case 'Dial':
      return {
        kind: 'dial',
        at,
        leg: leg(action.leg),
        to: asText(expr(action.to)),
        ...(action.from === undefined ? {} : { from: asText(expr(action.from)) }),
        headers: action.headers.map((h) => ({ name: h.header.value, value: asText(expr(h.value)) })),
        ...(action.timeout === undefined ? {} : { timeout: expr(action.timeout) }),
      };
    case 'Answer': return { kind: 'answer', at, leg: leg(action.leg) };
    case 'Reject': return { kind: 'reject', at, leg: leg(action.leg), status: expr(action.status) };
    case 'Hangup': return { kind: 'hangup', at, leg: leg(action.leg) };
    case 'Cancel': return { kind: 'cancel', at, leg: leg(action.leg) };
    case 'Hold':
      return { kind: 'hold', at, leg: leg(action.leg), ...(action.music === undefined ? {} : { music: asText(expr(action.music)) }) };
    case 'Unhold': return { kind: 'unhold', at, leg: leg(action.leg) };
    case 'Bridge': return { kind: 'bridge', at, a: leg(action.a), b: leg(action.b) };
    case 'Unbridge': return { kind: 'unbridge', at, a: leg(action.a), ...(action.b === undefined ? {} : { b: leg(action.b) }) };
    case 'Conference': return { kind: 'conference', at, legs: action.legs.map(leg) };
    case 'Refer': return { kind: 'refer', at, leg: leg(action.leg), to: asText(expr(action.to)) };
    case 'ReferReplacing': return { kind: 'referReplacing', at, leg: leg(action.leg), replacing: leg(action.replacing) };
    case 'Takeover': return { kind: 'takeover', at, leg: leg(action.leg) };
    case 'Notify': return { kind: 'notify', at, leg: leg(action.leg), status: expr(action.status) };
    case 'Play': return { kind: 'play', at, leg: leg(action.leg), prompt: asText(expr(action.prompt)) };
    case 'Collect':
      return {
        kind: 'collect',
        at,
        leg: leg(action.leg),
        ...(action.max === undefined ? {} : { max: expr(action.max) }),
        ...(action.terminator === undefined ? {} : { terminator: asText(expr(action.terminator)) }),
        ...(action.timeout === undefined ? {} : { timeout: expr(action.timeout) }),
      };
    case 'Emit':
      if (!scope.declarations.emitsByName.has(action.event.text)) {
        scope.errors.unresolved(`unknown emitted event \`${action.event.text}\``, action.event.span);
      }
      return { kind: 'emit', at, event: action.event.text, args: lowerArgs(action.args, scope) };
    case 'Set':
      if (!scope.declarations.vars.some((v) => v.name.text === action.variable.text)) {
        scope.errors.unresolved(`unknown variable \`${action.variable.text}\``, action.variable.span);
      }
      return { kind: 'set', at, variable: action.variable.text, value: expr(action.value) };
    case 'Send':
      return {
        kind: 'send',
        at,
        flow: action.flow.text,
        event: action.event.text,
        args: lowerArgs(action.args, scope),
        key: asText(expr(action.key)),
      };
  }
}

function legName(name: Name, scope: ActionScope): string {
  if (!scope.declarations.legNames.has(name.text)) scope.errors.unresolved(`unknown leg \`${name.text}\``, name.span);
  return name.text;
}

function lowerArgs(args: readonly Argument[], scope: ActionScope): NamedExpr[] {
  return args.map((a) => ({ name: a.name.text, value: lowerExpr(a.value, scope) }));
}
