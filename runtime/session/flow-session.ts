/**
 * One running instance of a flow: it owns the machine's snapshot, feeds it
 * events one at a time through a mailbox, and runs the effects of each step
 * through the handlers. It keeps the leg table (leg -> dialog) and the armed
 * timers, reports to an observer, and saves to / restores from a plain JSON
 * record.
 *
 * Hot path: deliver() runs the step synchronously when the session is idle;
 * only an event arriving while a step is running (an effect answering at once,
 * a send between flows) waits in the mailbox. No closures or promises per
 * event; optional structures (mailbox, legs, timers) are created on first use.
 * Memory: an idle session is a handful of fields (what is shared by all
 * sessions of a flow, or of a registry, sits behind one reference each) plus
 * its snapshot; flags share one number.
 */
import type { Clock, ArmedTimer, TimerSink } from '../clock/clock.js';
import type { Effect } from '../effects.js';
import type { EffectContext } from '../handlers/effect-context.js';
import { runEffect } from '../handlers/effect-handlers.js';
import type { AnyFlowMachine, FlowEvent, MachineSnapshot, StepResult } from '../machine.js';
import { SESSION_RECORD_VERSION, type SessionRecord } from '../persist/session-record.js';
import type { DialogSignal } from '../ports/dialog-signal.js';
import type { PortFailure } from '../ports/port-failure.js';
import type { Ports } from '../ports/ports.js';
import type { Value } from '../values.js';
import { checkEvent, rejectEvent, type EventRejection, type InboundEvent } from './event-check.js';
import { FiredTimer } from './fired-timer.js';
import { flowKindOf, legEventOf, type FlowKind } from './flow-kind.js';
import { bindLeg, dialogOfLeg, legBindings, legOfDialog, type LegBinding, type LegTable } from './leg-table.js';
import { Mailbox } from './mailbox.js';
import { QueuedSignal } from './queued-signal.js';
import type { SessionError } from './session-error.js';
import type { SessionLogger, SessionObserver } from './session-observer.js';
import {
  armTimer,
  disarmAll,
  disarmTimer,
  pendingTimers,
  takeFired,
  type PendingTimer,
  type TimerTable,
} from './timer-table.js';

export interface SessionEnvironment {
  readonly ports: Ports;
  readonly clock: Clock;
  readonly observer?: SessionObserver;
  readonly logger?: SessionLogger;
}

export interface SessionOptions extends SessionEnvironment {
  /** The instance key (`send ... to Flow(key)`); absent for a flow run alone. */
  readonly key?: string;
  readonly input: Readonly<Record<string, Value>>;
}

/** Options for many sessions sharing one environment object (a registry's sessions). */
export interface SharedSessionOptions {
  readonly environment: SessionEnvironment;
  readonly key?: string;
  readonly input: Readonly<Record<string, Value>>;
}

type Snapshot = MachineSnapshot<Readonly<Record<string, Value>>, string>;

const NO_STATES: readonly string[] = [];

// Flags share one field.
const STARTED = 1;
const BUSY = 2;
const DISPOSED = 4;

export class FlowSession implements EffectContext, TimerSink {
  readonly key: string | undefined;
  private readonly kind: FlowKind;
  private readonly env: SessionEnvironment;
  private current: Snapshot | undefined;
  /** Kept only until start(). */
  private input: Readonly<Record<string, Value>> | undefined;
  private flags = 0;
  private mailbox: Mailbox | undefined;
  private legs: LegTable | undefined;
  private timers: TimerTable | undefined;

  constructor(machine: AnyFlowMachine, options: SessionOptions | SharedSessionOptions) {
    this.kind = flowKindOf(machine);
    this.key = options.key;
    this.env =
      'environment' in options
        ? options.environment
        : {
            ports: options.ports,
            clock: options.clock,
            ...(options.observer === undefined ? {} : { observer: options.observer }),
            ...(options.logger === undefined ? {} : { logger: options.logger }),
          };
    this.input = options.input;
  }

  get machine(): AnyFlowMachine {
    return this.kind.machine;
  }

  get flow(): string {
    return this.kind.machine.name;
  }

  get ports(): Ports {
    return this.env.ports;
  }

  get clock(): Clock {
    return this.env.clock;
  }

  /**
   * Rebuilds a saved session: snapshot, leg bindings (the SIP port adopts the
   * dialogs again) and timers at their saved due times. Queued events stay in
   * the mailbox until flush() or the next delivery, so a registry can restore
   * every session before any of them sends to another.
   */
  static restore(machine: AnyFlowMachine, record: SessionRecord, env: SessionEnvironment): FlowSession {
    if (record.flow !== machine.name) {
      // The caller picks the machine by record.flow; a mismatch is a bug, not input.
      throw new Error(`record of flow \`${record.flow}\` restored with machine \`${machine.name}\``);
    }
    const session = new FlowSession(machine, { environment: env, ...(record.key === undefined ? {} : { key: record.key }), input: {} });
    session.input = undefined;
    session.flags = STARTED;
    session.current = record.snapshot;
    for (const binding of record.legs) {
      session.bindLeg(binding.leg, binding.dialogId);
      const failure = session.ports.sip.adopt(session, binding.dialogId);
      if (failure !== undefined) {
        session.report({
          kind: 'lifecycle',
          message: `leg \`${binding.leg}\` lost its dialog \`${binding.dialogId}\`: ${failure.message}`,
        });
      }
    }
    for (const timer of record.timers) session.armAt(timer.timer, timer.dueAt);
    if (record.mailbox !== undefined && record.mailbox.length > 0) {
      const mailbox = (session.mailbox = new Mailbox());
      for (const event of record.mailbox) mailbox.push(restoredEvent(event));
    }
    return session;
  }

  /** Undefined before start(). */
  get snapshot(): Snapshot | undefined {
    return this.current;
  }

  /** Not in a step and holding no queued events. */
  get idle(): boolean {
    return (this.flags & BUSY) === 0 && (this.mailbox === undefined || this.mailbox.size === 0);
  }

  get done(): boolean {
    return this.current !== undefined && this.current.status === 'done';
  }

  /** Runs the machine's initial step and its effects, then any events delivered before start. */
  start(): void {
    if ((this.flags & STARTED) !== 0) {
      this.report({ kind: 'lifecycle', message: `session of \`${this.flow}\` started twice` });
      return;
    }
    const input = this.input ?? {};
    this.input = undefined;
    this.flags |= STARTED | BUSY;
    try {
      let result: StepResult<Snapshot>;
      try {
        result = this.kind.machine.initial(input);
      } catch (cause) {
        this.report({ kind: 'internal', cause, message: `initial step of \`${this.flow}\` threw: ${describe(cause)}` });
        this.flags |= DISPOSED;
        return;
      }
      this.apply(undefined, NO_STATES, result);
      this.drain();
    } finally {
      this.flags &= ~BUSY;
    }
    this.env.observer?.settled?.(this);
  }

  /**
   * Gives an event from outside (an application command, a send from another
   * flow) to the flow. The event is checked against the flow's declared events
   * first; a rejection comes back as a value and the event is not delivered.
   */
  deliver(event: InboundEvent): EventRejection | undefined {
    if ((this.flags & DISPOSED) !== 0) return rejectEvent('disposed', `session of \`${this.flow}\` is disposed`);
    if (this.current !== undefined && this.current.status === 'done') {
      return rejectEvent('finished', `flow \`${this.flow}\` has finished`);
    }
    const rejection = checkEvent(this.kind.events, this.flow, event);
    if (rejection !== undefined) return rejection;
    this.accept(event);
    return undefined;
  }

  /** Processes events left in the mailbox (after restore()). */
  flush(): void {
    if (this.flags !== STARTED || this.mailbox === undefined || this.mailbox.size === 0) return;
    this.flags |= BUSY;
    try {
      this.drain();
    } finally {
      this.flags &= ~BUSY;
    }
    this.env.observer?.settled?.(this);
  }

  /** A port reports something on a dialog: it becomes the leg's event (`agent.answered`). */
  dialogEvent(dialogId: string, signal: DialogSignal): void {
    if (this.flags !== STARTED) {
      this.enqueue(new QueuedSignal(dialogId, signal));
      return;
    }
    const event = this.legEvent(dialogId, signal);
    if (event !== undefined) this.accept(event);
  }

  effectFailed(effect: Effect, failure: PortFailure): void {
    this.report({ kind: 'effectFailed', effect, failure, message: failure.message });
  }

  bindLeg(leg: string, dialogId: string): void {
    this.legs = bindLeg(this.legs, leg, dialogId);
  }

  dialogOf(leg: string): string | undefined {
    return dialogOfLeg(this.legs, leg);
  }

  legOf(dialogId: string): string | undefined {
    return legOfDialog(this.legs, dialogId);
  }

  legBindings(): LegBinding[] {
    return legBindings(this.legs);
  }

  startTimer(timer: string, delayMs: number): void {
    this.armAt(timer, this.clock.now() + delayMs);
  }

  cancelTimer(timer: string): void {
    this.timers = disarmTimer(this.timers, this.env.clock, timer);
    // A firing of this timer may already wait in the mailbox: the state that armed it is gone.
    this.mailbox?.cancelTimer(timer);
  }

  pendingTimers(): PendingTimer[] {
    return pendingTimers(this.timers);
  }

  timerDue(armed: ArmedTimer): void {
    const rest = takeFired(this.timers, armed);
    if (rest === false) return;
    this.timers = rest;
    this.accept(new FiredTimer(armed.timer));
  }

  /** The session as plain JSON. Taken between steps it is exact; during a step it holds the queued events too. */
  save(): SessionRecord {
    const snapshot = this.current;
    if (snapshot === undefined) throw new Error(`session of \`${this.flow}\` saved before start()`);
    const record: SessionRecord = {
      version: SESSION_RECORD_VERSION,
      flow: this.flow,
      ...(this.key === undefined ? {} : { key: this.key }),
      snapshot,
      timers: this.pendingTimers(),
      legs: this.legBindings(),
    };
    const mailbox = this.savedMailbox();
    return mailbox.length === 0 ? record : { ...record, mailbox };
  }

  /** Stops the session for good: timers disarmed, queued events dropped, later deliveries rejected. */
  dispose(): void {
    this.flags |= DISPOSED;
    disarmAll(this.timers, this.env.clock);
    this.timers = undefined;
    this.mailbox?.clear();
  }

  private savedMailbox(): FlowEvent[] {
    const saved: FlowEvent[] = [];
    if (this.mailbox === undefined) return saved;
    for (const event of this.mailbox.pending()) {
      if (!(event instanceof QueuedSignal)) saved.push(event);
      else {
        // Saved as the leg event it would have become; a signal no leg is on would have been dropped.
        const leg = legOfDialog(this.legs, event.dialogId);
        if (leg !== undefined) saved.push(legEventOf(this.kind, leg, event.signal));
      }
    }
    return saved;
  }

  /** Undefined (and reported) when no leg is on the dialog. Signals are typed by the port, so they skip the declared-event check. */
  private legEvent(dialogId: string, signal: DialogSignal): FlowEvent | undefined {
    const leg = legOfDialog(this.legs, dialogId);
    if (leg !== undefined) return legEventOf(this.kind, leg, signal);
    this.report({
      kind: 'unknownDialog',
      dialogId,
      signal,
      message: `\`${signal.type}\` on dialog \`${dialogId}\`, which no leg of \`${this.flow}\` is on`,
    });
    return undefined;
  }

  private armAt(timer: string, dueAt: number): void {
    this.mailbox?.cancelTimer(timer);
    this.timers = armTimer(this.timers, this.env.clock, this, timer, dueAt);
  }

  private accept(event: FlowEvent): void {
    if (this.flags !== STARTED) {
      this.enqueue(event);
      return;
    }
    this.flags |= BUSY;
    try {
      const mailbox = this.mailbox;
      // Events still queued (after restore) go first: the mailbox is a FIFO.
      if (mailbox !== undefined && mailbox.size > 0) mailbox.push(event);
      else this.process(event);
      this.drain();
    } finally {
      this.flags &= ~BUSY;
    }
    this.env.observer?.settled?.(this);
  }

  /** Busy or not started yet: the event waits. Disposed: it is dropped, as nothing will drain the mailbox. */
  private enqueue(event: FlowEvent): void {
    if ((this.flags & DISPOSED) !== 0) this.env.observer?.dropped?.(this, event, 'disposed');
    else (this.mailbox ??= new Mailbox()).push(event);
  }

  private drain(): void {
    const mailbox = this.mailbox;
    if (mailbox === undefined) return;
    for (let event = mailbox.shift(); event !== undefined; event = mailbox.shift()) this.process(event);
  }

  private process(queued: FlowEvent): void {
    let event = queued;
    if (event instanceof QueuedSignal) {
      const resolved = this.legEvent(event.dialogId, event.signal);
      if (resolved === undefined) return;
      event = resolved;
    }
    const before = this.current;
    if ((this.flags & DISPOSED) !== 0 || before === undefined) {
      this.env.observer?.dropped?.(this, event, 'disposed');
      return;
    }
    if (before.status === 'done') {
      this.env.observer?.dropped?.(this, event, 'finished');
      return;
    }
    if (event instanceof FiredTimer && event.cancelled) {
      this.env.observer?.dropped?.(this, event, 'staleTimer');
      return;
    }
    let result: StepResult<Snapshot>;
    try {
      result = this.kind.machine.transition(before, event);
    } catch (cause) {
      this.report({ kind: 'internal', event, cause, message: `\`${this.flow}\` threw on \`${event.type}\`: ${describe(cause)}` });
      return;
    }
    this.apply(event, before.configuration, result);
  }

  private apply(event: FlowEvent | undefined, before: readonly string[], result: StepResult<Snapshot>): void {
    const snapshot = result.snapshot;
    this.current = snapshot;
    const observer = this.env.observer;
    if (observer?.step !== undefined) {
      observer.step(this, {
        event,
        taken: result.taken,
        effects: result.effects,
        before,
        after: snapshot.configuration,
        snapshot,
        at: this.env.clock.now(),
      });
    }
    const effects = result.effects;
    for (let i = 0; i < effects.length; i++) {
      const effect = effects[i];
      if (effect !== undefined) this.run(effect);
    }
    if (snapshot.status === 'done') this.finish();
  }

  private run(effect: Effect): void {
    try {
      const failure = runEffect(effect, this);
      if (failure !== undefined) {
        this.report({ kind: 'effectFailed', effect, failure, message: failure.message });
        return;
      }
    } catch (cause) {
      this.report({ kind: 'internal', effect, cause, message: `\`${effect.kind}\` threw: ${describe(cause)}` });
      return;
    }
    if (effect.kind === 'emit') this.env.observer?.emitted?.(this, effect);
  }

  private finish(): void {
    disarmAll(this.timers, this.env.clock);
    this.timers = undefined;
    this.env.observer?.done?.(this);
  }

  private report(error: SessionError): void {
    this.env.observer?.error?.(this, error);
    this.env.logger?.warn(error.message, { flow: this.flow, key: this.key, kind: error.kind });
  }
}

/** A `$timer` event from a saved mailbox is again the session's own firing. */
function restoredEvent(event: FlowEvent): FlowEvent {
  if (event.type !== '$timer') return event;
  const timer: unknown = (event as { readonly timer?: unknown }).timer;
  return typeof timer === 'string' ? new FiredTimer(timer) : event;
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
