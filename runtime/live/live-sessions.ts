/**
 * The running sessions as the operator sees them: start one (the API's
 * outreach and nailing), end one cleanly (its calls hung up, its snapshot
 * deleted, `ended` on the stream), and the Call-ID each one logs under.
 */
import type { AnyFlowMachine } from '../machine.js';
import { SessionRegistry } from '../registry/session-registry.js';
import { FlowSession } from '../session/flow-session.js';
import { logs, type AdapterLog } from '../drachtio/adapter-log.js';
import type { Value } from '../values.js';
import type { CallControl } from './call-control.js';
import { readInputs } from './input-values.js';
import { nowIso, type LiveEventHub } from './live-events.js';
import { flowLabels, flowReasonLabels, type LiveMetrics } from './live-metrics.js';
import type { SnapshotPersister } from './snapshot-persister.js';

export type StartFailure = {
  readonly kind: 'startFailure';
  readonly code: 'unknown_flow' | 'invalid_inputs' | 'no_key' | 'duplicate_key';
  readonly message: string;
};

export interface LiveSessionsOptions {
  readonly registry: SessionRegistry;
  readonly machines: readonly AnyFlowMachine[];
  readonly calls: CallControl;
  readonly hub: LiveEventHub;
  readonly metrics: LiveMetrics;
  readonly persister: SnapshotPersister;
  readonly log: AdapterLog;
  readonly now: () => number;
}

export class LiveSessions {
  private readonly inboundCallIds = new WeakMap<FlowSession, string>();
  private readonly machines: ReadonlyMap<string, AnyFlowMachine>;
  private counter = 0;

  constructor(private readonly options: LiveSessionsOptions) {
    this.machines = new Map(options.machines.map((m) => [m.name, m]));
  }

  get registry(): SessionRegistry {
    return this.options.registry;
  }

  machine(flow: string): AnyFlowMachine | undefined {
    return this.machines.get(flow);
  }

  /** Starts a flow from outside a call (API). Inputs are JSON values, read by the flow's declared types. */
  start(flow: string, rawInputs: Readonly<Record<string, unknown>>, key?: string): FlowSession | StartFailure {
    const machine = this.machines.get(flow);
    if (machine === undefined) return failure('unknown_flow', `no flow \`${flow}\` (loaded: ${[...this.machines.keys()].join(', ') || 'none'})`);
    if (machine.legs.some((l) => l.inbound)) {
      return failure('invalid_inputs', `flow \`${flow}\` starts with an inbound call (leg \`${machine.legs.find((l) => l.inbound)?.name ?? ''}\`): it is started by routing an INVITE, not by the API`);
    }
    const inputs = readInputs(rawInputs, machine.inputs);
    if (!inputs.ok) return failure('invalid_inputs', inputs.message);
    // A flow without a declared key still needs one in the registry: a generated one names the instance.
    const instanceKey = key ?? (machine.key === undefined ? this.newKey() : undefined);
    return this.spawn(machine, inputs.values, instanceKey, undefined);
  }

  /** Creates a session for an inbound call; the caller binds the inbound leg before `begin`. */
  create(machine: AnyFlowMachine, inputs: Readonly<Record<string, Value>>, key: string | undefined): FlowSession | StartFailure {
    const created = this.options.registry.create(machine.name, inputs, key);
    if (created instanceof FlowSession) return created;
    return failure(created.reason === 'noKey' ? 'no_key' : created.reason === 'duplicateKey' ? 'duplicate_key' : 'unknown_flow', created.message);
  }

  /** Starts a created session and says so. */
  begin(session: FlowSession, inboundCallId: string | undefined): void {
    if (inboundCallId !== undefined) this.inboundCallIds.set(session, inboundCallId);
    this.options.metrics.inc('flowc_sessions_started_total', flowLabels(session.flow));
    if (this.options.hub.subscribers > 0) this.options.hub.publish({ type: 'started', flow: session.flow, key: session.key, at: nowIso(this.options.now()) });
    session.start();
  }

  /**
   * Ends a session from outside (API, drain, a lost server): its calls are
   * hung up but its nailed legs' (they outlive the flow), and it is forgotten.
   */
  end(session: FlowSession, reason: string): void {
    const calls = this.options.calls.endCalls(session, nailedDialogs(session));
    this.options.log.info({ callId: this.callIdOf(session), flow: session.flow, key: session.key, reason, calls }, 'session ended');
    if (session.key !== undefined) this.options.registry.remove(session.flow, session.key);
    else session.dispose();
    this.options.persister.forget(session);
    this.options.metrics.inc('flowc_sessions_ended_total', flowReasonLabels(session.flow, reason));
    this.options.hub.publish({ type: 'ended', flow: session.flow, key: session.key, reason, at: nowIso(this.options.now()) });
  }

  /** A finished flow's remaining calls are ended (nobody would ever hang them up otherwise), its nailed legs' excepted. */
  finished(session: FlowSession): void {
    const nailed = nailedDialogs(session);
    const calls = this.options.calls.endCalls(session, nailed);
    if (calls > 0 && logs(this.options.log, 'info')) this.options.log.info({ callId: this.callIdOf(session), flow: session.flow, key: session.key, calls }, 'flow finished with calls up: ended them');
    // Only the nailed calls still up: a nailed leg that failed or hung up is not left anything.
    if (nailed.size === 0 || !logs(this.options.log, 'info')) return;
    const up = new Set(this.options.calls.factsOf(session).flatMap((f) => (f.phase === 'ended' ? [] : [f.id])));
    const left = [...nailed].filter((id) => up.has(id));
    if (left.length > 0) this.options.log.info({ callId: this.callIdOf(session), flow: session.flow, key: session.key, nailed: left }, 'nailed calls left up');
  }

  callIdOf(session: FlowSession): string | undefined {
    const inbound = this.inboundCallIds.get(session);
    if (inbound !== undefined) return inbound;
    for (const binding of session.legBindings()) {
      const callId = this.options.calls.callIdOf(binding.dialogId);
      if (callId !== undefined) return callId;
    }
    return undefined;
  }

  /** Sessions that still have calls (the ones a drain waits for). */
  withCalls(): FlowSession[] {
    return [...this.options.registry.sessions()].filter((s) => this.options.calls.factsOf(s).some((f) => f.phase !== 'ended'));
  }

  private spawn(machine: AnyFlowMachine, inputs: Readonly<Record<string, Value>>, key: string | undefined, inboundCallId: string | undefined): FlowSession | StartFailure {
    const session = this.create(machine, inputs, key);
    if (!(session instanceof FlowSession)) return session;
    this.begin(session, inboundCallId);
    return session;
  }

  private newKey(): string {
    return `${Date.now().toString(36)}-${(++this.counter).toString(36)}`;
  }
}

/** The dialogs of the session's nailed legs (`leg agent nailed`): a host leaves them up when the session ends. */
function nailedDialogs(session: FlowSession): ReadonlySet<string> {
  const kept = new Set<string>();
  for (const leg of session.machine.legs) {
    if (leg.nailed !== true) continue;
    const dialog = session.dialogOf(leg.name);
    if (dialog !== undefined) kept.add(dialog);
  }
  return kept;
}

function failure(code: StartFailure['code'], message: string): StartFailure {
  return { kind: 'startFailure', code, message };
}
