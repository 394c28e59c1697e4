/**
 * Proves a flow survives a restart: a scripted run is replayed once without
 * interruption and then again with the session saved (through JSON), thrown
 * away and restored at each point between steps; every replay must ask the
 * world for exactly the same things and end in the same snapshot. The world
 * (recording ports) outlives the session, as SIP peers outlive a process; the
 * clock is new after each restore, so only the saved due times carry timers.
 *
 * The check is data in, divergences out, so tests, seed-flow suites and
 * `flowc check` can all use it.
 */
import { isDeepStrictEqual } from 'node:util';
import { VirtualClock } from '../clock/virtual-clock.js';
import type { Effect, EmitEffect } from '../effects.js';
import type { AnyFlowMachine, FlowEvent, MachineSnapshot } from '../machine.js';
import type { DialogSignal } from '../ports/dialog-signal.js';
import { createMemoryPorts, type MemoryPorts } from '../ports/memory-ports.js';
import type { InboundEvent } from '../session/event-check.js';
import { FlowSession } from '../session/flow-session.js';
import type { SessionError } from '../session/session-error.js';
import type { DropReason, SessionObserver, StepRecord } from '../session/session-observer.js';
import type { Value } from '../values.js';
import type { SessionRecord } from './session-record.js';

export type ScriptStep =
  /** An application event, through deliver(). */
  | { readonly deliver: InboundEvent }
  /** The peer on `leg`'s dialog does something (answers, hangs up, ...). */
  | { readonly leg: string; readonly signal: DialogSignal }
  /** Time passes; due timers fire. */
  | { readonly advance: number };

export interface ResumeOptions {
  readonly key?: string;
  /** Inbound legs, offered and bound before start as the live runtime does. */
  readonly inbound?: readonly string[];
  /** Clock time at start (default 0). */
  readonly startAt?: number;
}

/** Everything a run did that a restart must not change. */
export interface RunOutcome {
  readonly steps: readonly { readonly event: FlowEvent | undefined; readonly taken: readonly number[]; readonly effects: readonly Effect[]; readonly at: number }[];
  readonly emitted: readonly EmitEffect[];
  readonly errors: readonly string[];
  readonly drops: readonly string[];
  /** What the script could not do (a rejected event, a signal on an unbound leg). */
  readonly refusals: readonly string[];
  readonly sip: readonly unknown[];
  readonly media: readonly unknown[];
  readonly published: readonly unknown[];
  readonly sent: readonly unknown[];
  readonly snapshot: MachineSnapshot | undefined;
  readonly timers: readonly unknown[];
  readonly legs: readonly unknown[];
}

export interface ResumeDivergence {
  /** Script steps run before the restore; `every` when restored after each one. */
  readonly restoredAfter: number | 'every';
  readonly field: keyof RunOutcome;
  readonly uninterrupted: unknown;
  readonly resumed: unknown;
}

class OutcomeObserver implements SessionObserver {
  readonly steps: { event: FlowEvent | undefined; taken: number[]; effects: readonly Effect[]; at: number }[] = [];
  readonly emittedEffects: EmitEffect[] = [];
  readonly errors: string[] = [];
  readonly drops: string[] = [];

  step(_session: FlowSession, step: StepRecord): void {
    this.steps.push({ event: step.event, taken: step.taken.map((t) => t.id), effects: step.effects, at: step.at });
  }
  emitted(_session: FlowSession, effect: EmitEffect): void {
    this.emittedEffects.push(effect);
  }
  error(_session: FlowSession, error: SessionError): void {
    this.errors.push(`${error.kind}: ${error.message}`);
  }
  dropped(_session: FlowSession, event: FlowEvent, reason: DropReason): void {
    this.drops.push(`${event.type}: ${reason}`);
  }
}

/** Runs the script, restoring the session wherever `restoreAfter(i)` says (i = script steps done so far). */
export function runScript(
  machine: AnyFlowMachine,
  input: Readonly<Record<string, Value>>,
  script: readonly ScriptStep[],
  options: ResumeOptions = {},
  restoreAfter: (done: number) => boolean = () => false,
): RunOutcome {
  const ports = createMemoryPorts();
  const observer = new OutcomeObserver();
  let clock = new VirtualClock(options.startAt ?? 0);
  let session = new FlowSession(machine, {
    ...(options.key === undefined ? {} : { key: options.key }),
    input,
    ports,
    clock,
    observer,
  });
  for (const leg of options.inbound ?? []) session.bindLeg(leg, ports.sip.offer(session));
  session.start();
  const refusals: string[] = [];
  for (let done = 0; ; done++) {
    if (restoreAfter(done) && session.snapshot !== undefined) {
      const record = JSON.parse(JSON.stringify(session.save())) as SessionRecord;
      session.dispose();
      clock = new VirtualClock(clock.now());
      session = FlowSession.restore(machine, record, { ports, clock, observer });
      session.flush();
    }
    const step = script[done];
    if (step === undefined) break;
    const refusal = perform(step, session, ports, clock);
    if (refusal !== undefined) refusals.push(`step ${done}: ${refusal}`);
  }
  return {
    steps: observer.steps,
    emitted: observer.emittedEffects,
    errors: observer.errors,
    drops: observer.drops,
    refusals,
    sip: ports.sip.calls.map(({ owner: _owner, ...call }) => call),
    media: ports.media.calls.map(({ owner: _owner, ...call }) => call),
    published: ports.bus.published,
    sent: ports.router.sent.map(({ from: _from, ...sent }) => sent),
    snapshot: session.snapshot,
    timers: session.pendingTimers(),
    legs: session.legBindings(),
  };
}

function perform(step: ScriptStep, session: FlowSession, ports: MemoryPorts, clock: VirtualClock): string | undefined {
  if ('deliver' in step) return session.deliver(step.deliver)?.message;
  if ('advance' in step) {
    clock.advanceBy(step.advance);
    return undefined;
  }
  const dialog = session.dialogOf(step.leg);
  if (dialog === undefined) return `leg \`${step.leg}\` has no dialog`;
  return ports.sip.signal(dialog, step.signal) ? undefined : `no session owns dialog \`${dialog}\``;
}

function compare(restoredAfter: number | 'every', expected: RunOutcome, actual: RunOutcome): ResumeDivergence | undefined {
  // Compare as JSON: that is what a restart goes through.
  const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value ?? null)) as unknown;
  for (const field of Object.keys(expected) as (keyof RunOutcome)[]) {
    const uninterrupted = plain(expected[field]);
    const resumed = plain(actual[field]);
    if (!isDeepStrictEqual(uninterrupted, resumed)) return { restoredAfter, field, uninterrupted, resumed };
  }
  return undefined;
}

/**
 * Empty when restoring after any number of script steps, and after every one
 * of them in a single run, changes nothing. At most one divergence (the first
 * differing field) per restore point.
 */
export function findResumeDivergences(
  machine: AnyFlowMachine,
  input: Readonly<Record<string, Value>>,
  script: readonly ScriptStep[],
  options: ResumeOptions = {},
): ResumeDivergence[] {
  const expected = runScript(machine, input, script, options);
  const divergences: ResumeDivergence[] = [];
  for (let k = 0; k <= script.length; k++) {
    const divergence = compare(k, expected, runScript(machine, input, script, options, (done) => done === k));
    if (divergence !== undefined) divergences.push(divergence);
  }
  const every = compare('every', expected, runScript(machine, input, script, options, () => true));
  if (every !== undefined) divergences.push(every);
  return divergences;
}
