/**
 * Outgoing lines of an event log: a line marked `"dir": "out"` records an
 * event the flow's side sent, so it is compared with the flow's `emit`
 * effects instead of being delivered (docs/trace-formats.md, "Outgoing
 * events"). Only the fields the line gives are compared; the emit's other
 * fields match anything, and line fields the emit does not carry (the
 * log's own bookkeeping) are not compared.
 */
import type { EmitEffect } from '../effects.js';
import type { Value } from '../values.js';
import type { CommandEvent } from './command-inference.js';
import type { ReplayCall } from './replay-call.js';

/** The field that marks a line's direction, and the value that makes it the flow's own output. */
export const DIRECTION_FIELD = 'dir';
export const OUTGOING = 'out';

/**
 * An emit the flow made that the log has not shown yet. One process writes
 * the log, so it shows a call's emits in the order the flow makes them
 * (unlike SIP messages, which the network may reorder).
 */
export interface FlowEmit {
  readonly effect: EmitEffect;
}

export function isOutgoing(line: CommandEvent): boolean {
  return line[DIRECTION_FIELD] === OUTGOING;
}

/** Undefined when the emit is the line; otherwise the first field that differs, named. */
export function emitDifference(effect: EmitEffect, line: CommandEvent): string | undefined {
  for (const name of Object.keys(effect.payload)) {
    const logged = line[name];
    if (logged === undefined) continue;
    const made = effect.payload[name];
    if (made === undefined || sameValue(made, logged)) continue;
    return `\`${name}\` is ${show(made)} in the flow, ${show(logged)} in the log`;
  }
  return undefined;
}

/** `EventAck(interactionId: "0001", referenceId: 33)`. */
export function describeEmit(effect: EmitEffect): string {
  return `emit ${effect.event}${fieldsText(effect.payload)}`;
}

/** The line as logged, without its direction mark. */
export function describeLine(line: CommandEvent): string {
  const fields: Record<string, Value> = {};
  for (const key of Object.keys(line)) {
    const value = line[key];
    if (key !== 'type' && key !== DIRECTION_FIELD && value !== undefined) fields[key] = value;
  }
  return `${line.type}${fieldsText(fields)} sent`;
}

/** A log writes numbers and booleans as JSON gives them, or as text: both are the same value. */
function sameValue(a: Value, b: Value): boolean {
  return a === b || String(a) === String(b);
}

function show(value: Value): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function fieldsText(fields: Readonly<Record<string, Value>>): string {
  const parts = Object.entries(fields).map(([k, v]) => `${k}: ${show(v)}`);
  return parts.length === 0 ? '' : `(${parts.join(', ')})`;
}

export interface EmitFound {
  readonly match?: { readonly call: ReplayCall; readonly emit: FlowEmit };
  /** The first emit of the line's type that differs, with the difference. */
  readonly near?: { readonly call: ReplayCall; readonly emit: FlowEmit; readonly detail: string };
}

/** The oldest emit not yet logged, of the given calls, that the line is. */
export function findEmit(calls: readonly ReplayCall[], line: CommandEvent): EmitFound {
  let near: EmitFound['near'];
  for (const call of calls) {
    for (const emit of call.unlogged) {
      if (emit.effect.event !== line.type) continue;
      const detail = emitDifference(emit.effect, line);
      if (detail === undefined) return { match: { call, emit } };
      near ??= { call, emit, detail };
    }
  }
  return near === undefined ? {} : { near };
}
