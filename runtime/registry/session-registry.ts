/**
 * The running flow instances of a process, keyed by (flow, key). It is the
 * FlowRouter of its sessions: `send Event to Flow(key)` goes into that
 * instance's mailbox, so events between flows keep their order and never
 * re-enter a busy session. A session leaves the registry when its flow
 * finishes, unless asked to keep finished sessions (the simulator reads them).
 */
import type { Clock } from '../clock/clock.js';
import type { AnyFlowMachine, FlowEvent } from '../machine.js';
import type { SessionRecord } from '../persist/session-record.js';
import type { DialogOwner } from '../ports/dialog-owner.js';
import type { FlowRouter } from '../ports/flow-router.js';
import { portFailure, type PortFailure } from '../ports/port-failure.js';
import type { Ports } from '../ports/ports.js';
import type { EventRejection, InboundEvent } from '../session/event-check.js';
import { FlowSession, type SessionEnvironment } from '../session/flow-session.js';
import type { SessionLogger, SessionObserver } from '../session/session-observer.js';
import type { Value } from '../values.js';

export interface RegistryOptions {
  readonly machines: readonly AnyFlowMachine[];
  /** The router is the registry itself. */
  readonly ports: Omit<Ports, 'router'>;
  readonly clock: Clock;
  readonly observer?: SessionObserver;
  readonly logger?: SessionLogger;
  readonly keepFinished?: boolean;
}

export interface RegistryFailure {
  readonly kind: 'registryFailure';
  readonly reason: 'unknownFlow' | 'noKey' | 'duplicateKey' | 'noSession';
  readonly message: string;
}

export interface RestoreReport {
  readonly restored: readonly FlowSession[];
  readonly failures: readonly RegistryFailure[];
}

function failure(reason: RegistryFailure['reason'], message: string): RegistryFailure {
  return { kind: 'registryFailure', reason, message };
}

export class SessionRegistry implements FlowRouter {
  private readonly machines = new Map<string, AnyFlowMachine>();
  private readonly byFlow = new Map<string, Map<string, FlowSession>>();
  private readonly env: SessionEnvironment;
  private readonly keepFinished: boolean;

  constructor(options: RegistryOptions) {
    for (const machine of options.machines) this.machines.set(machine.name, machine);
    this.keepFinished = options.keepFinished ?? false;
    // One environment shared by every session; the observer forwards only the callbacks the caller has,
    // so sessions build no step records nobody reads.
    this.env = {
      ports: { ...options.ports, router: this },
      clock: options.clock,
      observer: this.sessionObserver(options.observer),
      ...(options.logger === undefined ? {} : { logger: options.logger }),
    };
  }

  get size(): number {
    let n = 0;
    for (const sessions of this.byFlow.values()) n += sessions.size;
    return n;
  }

  /**
   * A new, not yet started session, so the caller can bind inbound legs first.
   * Without `key`, the key is the input the flow declares as its key.
   */
  create(flow: string, input: Readonly<Record<string, Value>>, key?: string): FlowSession | RegistryFailure {
    const machine = this.machines.get(flow);
    if (machine === undefined) return failure('unknownFlow', `no flow \`${flow}\``);
    const instanceKey = key ?? keyFromInput(machine, input);
    if (instanceKey === undefined) return failure('noKey', `flow \`${flow}\` needs a key: declare \`key\` or pass one`);
    const existing = this.get(flow, instanceKey);
    if (existing !== undefined && !existing.done) {
      return failure('duplicateKey', `\`${flow}(${instanceKey})\` is already running`);
    }
    const session = new FlowSession(machine, { environment: this.env, key: instanceKey, input });
    this.put(flow, instanceKey, session);
    return session;
  }

  /** create() and start(). */
  spawn(flow: string, input: Readonly<Record<string, Value>>, key?: string): FlowSession | RegistryFailure {
    const session = this.create(flow, input, key);
    if (session instanceof FlowSession) session.start();
    return session;
  }

  get(flow: string, key: string): FlowSession | undefined {
    return this.byFlow.get(flow)?.get(key);
  }

  *sessions(): IterableIterator<FlowSession> {
    for (const sessions of this.byFlow.values()) yield* sessions.values();
  }

  /** An application command for one instance (HTTP, WebSocket). */
  deliver(flow: string, key: string, event: InboundEvent): EventRejection | RegistryFailure | undefined {
    const session = this.get(flow, key);
    if (session === undefined) return failure('noSession', `no \`${flow}(${key})\``);
    return session.deliver(event);
  }

  route(_from: DialogOwner, flow: string, key: string, event: FlowEvent): PortFailure | undefined {
    const session = this.get(flow, key);
    if (session === undefined) return portFailure('router', `no \`${flow}(${key})\` to send \`${event.type}\` to`);
    const rejection = session.deliver(event);
    return rejection === undefined ? undefined : portFailure('router', rejection.message);
  }

  /** Disposes the session and forgets it. */
  remove(flow: string, key: string): boolean {
    const sessions = this.byFlow.get(flow);
    const session = sessions?.get(key);
    if (sessions === undefined || session === undefined) return false;
    session.dispose();
    sessions.delete(key);
    if (sessions.size === 0) this.byFlow.delete(flow);
    return true;
  }

  /** Every started session, for a snapshot of the whole process. */
  save(): SessionRecord[] {
    const records: SessionRecord[] = [];
    for (const session of this.sessions()) if (session.snapshot !== undefined) records.push(session.save());
    return records;
  }

  /**
   * Restores every record first and only then lets queued events run, so an
   * event sent from one restored session finds the other already there.
   */
  restore(records: readonly SessionRecord[]): RestoreReport {
    const restored: FlowSession[] = [];
    const failures: RegistryFailure[] = [];
    for (const record of records) {
      const machine = this.machines.get(record.flow);
      if (machine === undefined) {
        failures.push(failure('unknownFlow', `saved session of unknown flow \`${record.flow}\``));
        continue;
      }
      if (record.key === undefined) {
        failures.push(failure('noKey', `saved session of \`${record.flow}\` has no key`));
        continue;
      }
      if (this.get(record.flow, record.key) !== undefined) {
        failures.push(failure('duplicateKey', `\`${record.flow}(${record.key})\` is already running`));
        continue;
      }
      const session = FlowSession.restore(machine, record, this.env);
      this.put(record.flow, record.key, session);
      restored.push(session);
    }
    for (const session of restored) session.flush();
    return { restored, failures };
  }

  private put(flow: string, key: string, session: FlowSession): void {
    let sessions = this.byFlow.get(flow);
    if (sessions === undefined) this.byFlow.set(flow, (sessions = new Map()));
    sessions.set(key, session);
  }

  private sessionObserver(user: SessionObserver | undefined): SessionObserver {
    const observer: SessionObserver = {};
    if (user?.step !== undefined) observer.step = user.step.bind(user);
    if (user?.emitted !== undefined) observer.emitted = user.emitted.bind(user);
    if (user?.error !== undefined) observer.error = user.error.bind(user);
    if (user?.dropped !== undefined) observer.dropped = user.dropped.bind(user);
    if (user?.settled !== undefined) observer.settled = user.settled.bind(user);
    const userDone = user?.done?.bind(user);
    observer.done = (session) => {
      userDone?.(session);
      if (this.keepFinished || session.key === undefined) return;
      // Only forget the instance if it is still the one under its key.
      const sessions = this.byFlow.get(session.flow);
      if (sessions?.get(session.key) !== session) return;
      sessions.delete(session.key);
      if (sessions.size === 0) this.byFlow.delete(session.flow);
    };
    return observer;
  }
}

function keyFromInput(machine: AnyFlowMachine, input: Readonly<Record<string, Value>>): string | undefined {
  if (machine.key === undefined) return undefined;
  const value = input[machine.key];
  return value === undefined ? undefined : String(value);
}
