/**
 * The sessions of a live run and everything around them that does not
 * depend on drachtio: the registry with the live observer (logs, stream,
 * metrics, snapshots), starting and ending sessions, resuming saved ones,
 * and the ApiBackend the control API reads. LiveApp builds it over the
 * drachtio and FreeSWITCH ports; tests build it over memory ports.
 */
import type { ApiBackend } from '../api/api-backend.js';
import type { Clock } from '../clock/clock.js';
import type { AdapterLog } from '../drachtio/adapter-log.js';
import type { DialogFacts } from '../drachtio/dialog-facts.js';
import type { AnyFlowMachine, FlowDescription } from '../machine.js';
import type { SnapshotStore } from '../persist/snapshot-store.js';
import type { DialogSignal } from '../ports/dialog-signal.js';
import type { MediaPort } from '../ports/media-port.js';
import type { SipPort } from '../ports/sip-port.js';
import { SessionRegistry } from '../registry/session-registry.js';
import type { FlowSession } from '../session/flow-session.js';
import type { CallControl } from './call-control.js';
import type { DialogFactsStore } from './dialog-facts-store.js';
import { HubEventBus } from './hub-event-bus.js';
import { leafStates } from './leaf-states.js';
import { LiveEventHub } from './live-events.js';
import { LiveMetrics, type GaugeSample } from './live-metrics.js';
import { LiveObserver } from './live-observer.js';
import { LiveSessions, type StartFailure } from './live-sessions.js';
import { SnapshotPersister } from './snapshot-persister.js';

export interface LiveSystemOptions {
  readonly machines: readonly AnyFlowMachine[];
  readonly sip: SipPort;
  readonly media: MediaPort;
  readonly calls: CallControl;
  readonly clock: Clock;
  readonly store: SnapshotStore;
  readonly facts: DialogFactsStore;
  /** false: save nothing (the stores keep nothing a later run could read); default true. */
  readonly persist?: boolean;
  readonly log: AdapterLog;
  /** Connection state and the like, for /health. */
  readonly health?: () => Readonly<Record<string, unknown>>;
}

/** What SIP recovery offers a resume (DrachtioSipPort does; memory ports have nothing to recover). */
export interface DialogRecovery {
  recover(facts: readonly DialogFacts[]): { readonly recovered: readonly string[]; readonly lost: readonly DialogFacts[] };
  probe(dialogId: string): void;
}

export interface ResumeReport {
  readonly sessions: number;
  readonly dialogs: number;
  /** Legs whose dialog did not survive (told to their sessions as failed or hung up). */
  readonly lostLegs: number;
  readonly problems: readonly string[];
}

export class LiveSystem implements ApiBackend {
  readonly events = new LiveEventHub();
  readonly liveMetrics = new LiveMetrics();
  readonly persister: SnapshotPersister;
  readonly registry: SessionRegistry;
  readonly sessions: LiveSessions;
  draining = false;

  constructor(private readonly options: LiveSystemOptions) {
    this.persister = new SnapshotPersister({
      enabled: options.persist ?? true,
      store: options.store,
      facts: options.facts,
      factsOf: (session) => options.calls.factsOf(session),
      log: options.log,
      failed: () => this.liveMetrics.inc('flowc_persist_failures_total'),
    });
    // The observer needs the sessions service and the service needs the registry: the observer reads it late.
    let sessions: LiveSessions | undefined;
    const observer = new LiveObserver({
      hub: this.events,
      metrics: this.liveMetrics,
      log: options.log,
      persister: this.persister,
      callIdOf: (session) => sessions?.callIdOf(session),
      finished: (session) => sessions?.finished(session),
    });
    this.registry = new SessionRegistry({
      machines: options.machines,
      ports: { sip: options.sip, media: options.media, bus: new HubEventBus(this.events, options.clock) },
      clock: options.clock,
      observer,
    });
    sessions = new LiveSessions({
      registry: this.registry,
      machines: options.machines,
      calls: options.calls,
      hub: this.events,
      metrics: this.liveMetrics,
      persister: this.persister,
      log: options.log,
      now: () => options.clock.now(),
    });
    this.sessions = sessions;
    this.liveMetrics.gauge('flowc_sessions', 'Running sessions by flow and innermost state', () => this.sessionGauge());
  }

  // --- ApiBackend ------------------------------------------------------

  flows(): readonly FlowDescription[] {
    return this.options.machines;
  }

  running(): Iterable<FlowSession> {
    return this.registry.sessions();
  }

  session(flow: string, key: string): FlowSession | undefined {
    return this.registry.get(flow, key);
  }

  start(flow: string, inputs: Readonly<Record<string, unknown>>, key: string | undefined): FlowSession | StartFailure {
    return this.sessions.start(flow, inputs, key);
  }

  end(session: FlowSession, reason: string): void {
    this.sessions.end(session, reason);
  }

  metrics(): string {
    return this.liveMetrics.render();
  }

  health(): { readonly ok: boolean; readonly [detail: string]: unknown } {
    const details = this.options.health?.() ?? {};
    const ok = Object.values(details).every((v) => v !== false);
    return { ok: ok && !this.draining, draining: this.draining, sessions: this.registry.size, ...details };
  }

  // --- resume ----------------------------------------------------------

  /**
   * Brings back every saved session: their dialogs first (so the sessions
   * can adopt them), then the sessions with their timers at the saved due
   * times. A leg whose dialog did not survive is told so, as the peer would
   * have (`failed(503)` mid-INVITE, `hangup` once connected), and each
   * recovered dialog is probed, since the peer may be gone.
   */
  async resume(recovery: DialogRecovery | undefined): Promise<ResumeReport> {
    const problems: string[] = [];
    const facts = await this.options.facts.all();
    const { recovered, lost } = recovery === undefined ? { recovered: [], lost: facts } : recovery.recover(facts);
    const { records, failures } = await this.options.store.all();
    for (const failure of failures) problems.push(failure.message);
    const report = this.registry.restore(records);
    for (const failure of report.failures) problems.push(failure.message);
    const survived = new Set(recovered);
    const lostPhase = new Map(lost.map((f) => [f.id, f.phase]));
    let lostLegs = 0;
    for (const session of report.restored) {
      for (const { leg, dialogId } of session.legBindings()) {
        if (survived.has(dialogId)) continue;
        const signal = lostSignal(session.snapshot?.legs[leg], lostPhase.get(dialogId));
        if (signal === undefined) continue;
        lostLegs++;
        session.dialogEvent(dialogId, signal);
      }
      this.persister.save(session);
    }
    for (const id of recovered) recovery?.probe(id);
    return { sessions: report.restored.length, dialogs: recovered.length, lostLegs, problems };
  }

  private sessionGauge(): GaugeSample[] {
    const counts = new Map<string, { flow: string; state: string; n: number }>();
    for (const session of this.registry.sessions()) {
      const configuration = session.snapshot?.configuration ?? [];
      for (const state of leafStates(session.machine, configuration)) {
        const id = `${session.flow}\u0000${state}`;
        const entry = counts.get(id);
        if (entry === undefined) counts.set(id, { flow: session.flow, state, n: 1 });
        else entry.n++;
      }
    }
    return [...counts.values()].map((c) => ({ labels: { flow: c.flow, state: c.state }, value: c.n }));
  }
}

/** What a leg hears when its dialog is gone after a restart, by what the flow knew of it. */
function lostSignal(legState: string | undefined, phase: string | undefined): DialogSignal | undefined {
  if (legState === 'idle' || legState === 'ended' || legState === undefined) return undefined;
  if (phase === 'offered') return { type: 'cancelled' };
  if (legState === 'dialing' || legState === 'early' || phase === 'calling' || phase === 'early') return { type: 'failed', status: 503 };
  return { type: 'hangup' };
}
