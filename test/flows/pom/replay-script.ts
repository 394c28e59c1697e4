/**
 * Turns a replay into the script of a resume check (runtime/persist/
 * resume-check.ts): the leg events and commands `simulate` delivered, in
 * order, with the time between them, so a session driven by the script
 * lives the replayed call, its timers firing where the replay's did. A
 * command `simulate` assumed is delivered where it was assumed.
 */
import type { DialogSignal } from '../../../runtime/ports/dialog-signal.js';
import type { ScriptStep } from '../../../runtime/persist/resume-check.js';
import type { DeliveredEvent, SimulationResult } from '../../../runtime/simulate/index.js';
import type { Value } from '../../../runtime/values.js';

export interface ReplayScript {
  readonly startAt: number;
  readonly steps: readonly ScriptStep[];
}

export function scriptOf(result: SimulationResult): ReplayScript {
  const startAt = result.steps[0]?.time ?? 0;
  let now = startAt;
  const steps: ScriptStep[] = [];
  const advanceTo = (time: number): void => {
    if (time > now) steps.push({ advance: time - now });
    now = Math.max(now, time);
  };
  for (const step of result.steps) {
    // Timers (the flow's and the dial timeouts) are not delivered: the session's clock fires them as time passes.
    advanceTo(step.time);
    if (step.kind === 'sip' && step.assumed !== undefined) steps.push({ deliver: { ...step.assumed.fields, type: step.assumed.event } });
    if (step.kind === 'timer' || step.kind === 'problem') continue;
    const outcome = step.outcome;
    if (outcome.kind === 'event') {
      const scripted = legStep(outcome.delivered);
      if (scripted !== undefined) steps.push(scripted);
    } else if (outcome.kind === 'command' && outcome.delivered !== undefined) {
      steps.push({ deliver: outcome.delivered.event });
    }
  }
  return { startAt, steps };
}

/** `customer.failed` with status 486 as the peer's signal on the customer leg; undefined for an event no peer sends. */
function legStep(delivered: DeliveredEvent): ScriptStep | undefined {
  const { type, ...fields } = delivered.event;
  const dot = type.indexOf('.');
  if (dot < 0) return undefined;
  const signal = signalOf(type.slice(dot + 1), fields);
  return signal === undefined ? undefined : { leg: type.slice(0, dot), signal };
}

function signalOf(name: string, fields: Readonly<Record<string, Value>>): DialogSignal | undefined {
  const status = typeof fields['status'] === 'number' ? fields['status'] : 0;
  const text = (key: string): string => (typeof fields[key] === 'string' ? fields[key] : '');
  switch (name) {
    case 'ringing':
    case 'early':
    case 'answered':
    case 'hangup':
    case 'cancelled':
    case 'held':
    case 'resumed':
    case 'referAccepted':
    case 'replaced':
      return { type: name };
    case 'failed':
    case 'referRejected':
    case 'notify':
      return { type: name, status };
    case 'dtmf':
    case 'collected':
      return { type: name, digits: text('digits') };
    case 'info':
      return { type: name, body: text('body') };
    case 'refer':
      return { type: name, to: text('to') };
    default:
      return undefined;
  }
}
