/**
 * The leg events a replay delivers for signals without data (`agent.ringing`,
 * `customer.hangup`), made once per leg and signal with the two step
 * outcomes that show them (taken or ignored). A long capture delivers the
 * same few events hundreds of thousands of times; they are plain JSON, so
 * the steps can share them.
 */
import type { DialogSignal } from '../ports/dialog-signal.js';
import type { StepOutcome } from './simulation-result.js';

export interface KnownLegEvent {
  readonly event: { readonly type: string };
  readonly handled: StepOutcome;
  readonly ignored: StepOutcome;
}

export class LegEvents {
  readonly #byLeg = new Map<string, Map<DialogSignal, KnownLegEvent>>();

  /** `signal` must be one of a fixed set of objects (peer-message.ts `isConstantSignal`), or this grows. */
  of(leg: string, signal: DialogSignal): KnownLegEvent {
    let bySignal = this.#byLeg.get(leg);
    if (bySignal === undefined) {
      bySignal = new Map();
      this.#byLeg.set(leg, bySignal);
    }
    let known = bySignal.get(signal);
    if (known === undefined) {
      const event = { type: `${leg}.${signal.type}` };
      known = {
        event,
        handled: { kind: 'event', delivered: { event, handled: true } },
        ignored: { kind: 'event', delivered: { event, handled: false } },
      };
      bySignal.set(signal, known);
    }
    return known;
  }
}
