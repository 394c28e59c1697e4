/**
 * Which call of the replay a logged command is for: by the dialog its
 * `callId` names, by the flow's `key` (one instance per key), else by which
 * call's state takes it (docs/simulate.md, "Calls, dialogs and legs").
 */
import type { AnyFlowMachine } from '../machine.js';
import type { CommandEvent } from './command-inference.js';
import { keyText, type ReplayCall } from './replay-call.js';
import type { TraceDialog } from './trace-dialog.js';
import { trialTransition } from './trial-step.js';

/**
 * The flow's key as the logged event names it (`key agentId` and
 * `"agentId": "a1002"`), as text. Only a field the event does not declare
 * addresses it: a declared one is the event's data (CCM's CALL_LEG_STARTED
 * names the *other* agent in `agentId`).
 */
export function keyOf(machine: AnyFlowMachine, event: CommandEvent): string | undefined {
  const name = machine.key;
  if (name === undefined) return undefined;
  const declared = machine.events.find((e) => e.type === event.type);
  if (declared !== undefined && Object.hasOwn(declared.fields, name)) return undefined;
  return keyText(event[name]);
}

/** The newest call with that key (active or not: a finished call still owns what the log says of it). */
export function keyedCall(calls: readonly ReplayCall[], key: string | undefined): ReplayCall | undefined {
  if (key === undefined) return undefined;
  for (let i = calls.length - 1; i >= 0; i--) {
    const call = calls[i];
    if (call !== undefined && call.key === key) return call;
  }
  return undefined;
}

/**
 * The call a logged command is for: the one whose dialog its `callId`
 * field names; else, when it names the flow's key, the active call with
 * that key; else the newest active call whose state takes it; else the
 * newest active call (which then ignores it). A keyed command never goes
 * to a call of another key: only to calls without one.
 */
export function callForCommand(
  machine: AnyFlowMachine,
  calls: readonly ReplayCall[],
  dialogs: ReadonlyMap<string, TraceDialog>,
  event: CommandEvent,
  key: string | undefined,
): ReplayCall | undefined {
  const callId = event['callId'];
  if (typeof callId === 'string') {
    const named = dialogs.get(callId)?.call;
    if (named !== undefined) return named;
  }
  if (key !== undefined) {
    for (let i = calls.length - 1; i >= 0; i--) {
      const call = calls[i];
      if (call !== undefined && call.active && call.key === key) return call;
    }
  }
  let newest: ReplayCall | undefined;
  for (let i = calls.length - 1; i >= 0; i--) {
    const call = calls[i];
    const snapshot = call?.session.snapshot;
    if (call === undefined || snapshot === undefined || !call.active) continue;
    if (key !== undefined && call.key !== undefined) continue;
    newest ??= call;
    if ((trialTransition(machine, snapshot, event)?.taken.length ?? 0) > 0) return call;
  }
  return newest;
}
