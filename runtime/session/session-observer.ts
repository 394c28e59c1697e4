/**
 * What a session reports as it runs: each step, emitted events, errors and
 * dropped events. Every callback is optional and takes the session first, so
 * one observer (a registry, the simulator, a live event stream) serves many
 * sessions without a closure per session. Records are built only for
 * callbacks that exist.
 */
import type { EmitEffect, Effect } from '../effects.js';
import type { FlowEvent, MachineSnapshot, TakenTransition } from '../machine.js';
import type { FlowSession } from './flow-session.js';
import type { SessionError } from './session-error.js';

export interface StepRecord {
  /** Undefined for the initial step (`start()`). */
  readonly event: FlowEvent | undefined;
  readonly taken: readonly TakenTransition[];
  readonly effects: readonly Effect[];
  /** Empty for the initial step. */
  readonly before: readonly string[];
  readonly after: readonly string[];
  readonly snapshot: MachineSnapshot;
  /** Clock time of the step. */
  readonly at: number;
}

export type DropReason = 'finished' | 'staleTimer' | 'disposed';

export interface SessionObserver {
  /** Called after the machine stepped and before its effects run, so causes are reported before consequences. */
  step?(session: FlowSession, step: StepRecord): void;
  emitted?(session: FlowSession, effect: EmitEffect): void;
  error?(session: FlowSession, error: SessionError): void;
  /** A queued event was not given to the machine. */
  dropped?(session: FlowSession, event: FlowEvent, reason: DropReason): void;
  /** The mailbox is empty again: a consistent point to save the session. */
  settled?(session: FlowSession): void;
  /** The machine reached a top-level final state; the session's timers are disarmed. */
  done?(session: FlowSession): void;
}

/** Where a session writes diagnostics in a live run; the observer is for programs, this is for people. */
export interface SessionLogger {
  warn(message: string, details?: Readonly<Record<string, unknown>>): void;
}
