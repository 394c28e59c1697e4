/**
 * What a live run does with each session's reports: one structured log line
 * per transition carrying the call id, flow, state and transition; the live
 * event stream; the metrics; a snapshot after every settled step; and, when
 * a flow finishes, its calls still up are ended so nothing leaks.
 */
import { logs, type AdapterLog } from '../drachtio/adapter-log.js';
import type { EmitEffect } from '../effects.js';
import type { FlowEvent } from '../machine.js';
import type { FlowSession } from '../session/flow-session.js';
import type { SessionError } from '../session/session-error.js';
import type { DropReason, SessionObserver, StepRecord } from '../session/session-observer.js';
import { stateLabel } from './leaf-states.js';
import { nowIso, type LiveEventHub } from './live-events.js';
import { flowLabels, flowReasonLabels, type LiveMetrics } from './live-metrics.js';
import type { SnapshotPersister } from './snapshot-persister.js';

export interface LiveObserverOptions {
  readonly hub: LiveEventHub;
  readonly metrics: LiveMetrics;
  readonly log: AdapterLog;
  readonly persister: SnapshotPersister;
  /** The Call-ID to log a session's lines under (its inbound call's, else its first leg's). */
  readonly callIdOf: (session: FlowSession) => string | undefined;
  /** The flow reached a final state: end what it still has up. */
  readonly finished: (session: FlowSession) => void;
}

export class LiveObserver implements SessionObserver {
  constructor(private readonly options: LiveObserverOptions) {}

  step(session: FlowSession, step: StepRecord): void {
    const { hub, metrics, log } = this.options;
    const flow = session.machine;
    const event = step.event?.type;
    // Every step of every call comes through here: fields for a log line or the stream are
    // built only when a line is written or someone listens.
    if (step.taken.length > 0 || step.event === undefined) {
      metrics.inc('flowc_transitions_total', flowLabels(session.flow), Math.max(step.taken.length, 1));
      if (logs(log, 'info')) {
        const from = step.before.length === 0 ? '(start)' : stateLabel(flow, step.before);
        const to = stateLabel(flow, step.after);
        log.info({ callId: this.options.callIdOf(session), flow: session.flow, key: session.key, state: to, transition: `${from} -> ${to}`, event: event ?? '(start)' }, 'transition');
      }
    } else if (logs(log, 'debug')) {
      log.debug({ callId: this.options.callIdOf(session), flow: session.flow, key: session.key, state: stateLabel(flow, step.after), event }, 'event ignored in this state');
    }
    if (hub.subscribers === 0) return;
    hub.publish({
      type: 'state',
      flow: session.flow,
      key: session.key,
      event,
      before: step.before,
      after: step.after,
      transitions: step.taken.map((t) => t.id),
      at: nowIso(step.at),
    });
  }

  emitted(session: FlowSession, effect: EmitEffect): void {
    if (!logs(this.options.log, 'debug')) return;
    this.options.log.debug({ callId: this.options.callIdOf(session), flow: session.flow, key: session.key, emitted: effect.event }, 'emitted');
  }

  error(session: FlowSession, error: SessionError): void {
    const { hub, metrics, log } = this.options;
    const state = session.snapshot === undefined ? undefined : stateLabel(session.machine, session.snapshot.configuration);
    if (error.kind === 'effectFailed') metrics.inc('flowc_effects_failed_total', { flow: session.flow, effect: error.effect.kind });
    log.warn({ callId: this.options.callIdOf(session), flow: session.flow, key: session.key, state, kind: error.kind, error: error.message }, 'session error');
    hub.publish({ type: 'error', flow: session.flow, key: session.key, kind: error.kind, message: error.message, at: new Date().toISOString() });
  }

  dropped(session: FlowSession, event: FlowEvent, reason: DropReason): void {
    if (!logs(this.options.log, 'debug')) return;
    this.options.log.debug({ callId: this.options.callIdOf(session), flow: session.flow, key: session.key, event: event.type, reason }, 'event dropped');
  }

  settled(session: FlowSession): void {
    if (!session.done) this.options.persister.save(session);
  }

  done(session: FlowSession): void {
    if (logs(this.options.log, 'info')) {
      const state = session.snapshot === undefined ? undefined : stateLabel(session.machine, session.snapshot.configuration);
      this.options.log.info({ callId: this.options.callIdOf(session), flow: session.flow, key: session.key, state }, 'flow finished');
    }
    this.options.metrics.inc('flowc_sessions_ended_total', flowReasonLabels(session.flow, 'finished'));
    this.options.persister.forget(session);
    this.options.finished(session);
    if (this.options.hub.subscribers > 0) this.options.hub.publish({ type: 'ended', flow: session.flow, key: session.key, reason: 'finished', at: new Date().toISOString() });
  }
}
