/**
 * A scenario's logs, merged by time, driven through a SessionRegistry: one Agent instance per
 * agent on one virtual clock with memory ports, as a live agent manager runs
 * them. The log's own lines (desktop, system, supervisor) are delivered to
 * the agent they name; the lines marked `source: "peer"` are what one
 * instance sent another, so they are not delivered but compared with the
 * `send` effects the instances really made.
 */
import { VirtualClock } from '../../../runtime/clock/virtual-clock.js';
import type { SendEffect } from '../../../runtime/effects.js';
import type { AnyFlowMachine, FlowEvent } from '../../../runtime/machine.js';
import { createMemoryPorts } from '../../../runtime/ports/memory-ports.js';
import { SessionRegistry } from '../../../runtime/registry/session-registry.js';
import { FlowSession } from '../../../runtime/session/flow-session.js';
import type { SessionError } from '../../../runtime/session/session-error.js';
import type { SessionObserver, StepRecord } from '../../../runtime/session/session-observer.js';
import type { Value } from '../../../runtime/values.js';
import { eventOfLine, inputOf, PEER_SOURCE, readScenario, type Scenario } from './agent-flow.js';
import { emitsOf, formatEmit, regionStates } from './agent-timeline.js';

export interface PeerMessage {
  /** The agent the event is for. */
  readonly to: string;
  readonly type: string;
  readonly fields: Readonly<Record<string, Value>>;
}

/** Every agent's sub-states right after one delivered log line (and the sends it caused). */
export interface Checkpoint {
  readonly frame: number;
  readonly agentId: string;
  readonly type: string;
  readonly states: Readonly<Record<string, string>>;
}

export interface RegistryRun {
  readonly registry: SessionRegistry;
  /** Per agent, one line per machine step after its first (same format as the replay's timeline). */
  readonly timelines: ReadonlyMap<string, readonly string[]>;
  /** Every `send` the instances made, in order. */
  readonly sent: readonly PeerMessage[];
  /** The peer lines of the log, in order. */
  readonly logged: readonly PeerMessage[];
  readonly errors: readonly SessionError[];
  /** Log lines the registry refused to deliver. */
  readonly refused: readonly string[];
  readonly checkpoints: readonly Checkpoint[];
  /** The three sub-states of an agent now (`Busy Talking JobAttached`). */
  statesOf(agentId: string): string;
}

class TimelineObserver implements SessionObserver {
  readonly timelines = new Map<string, string[]>();
  readonly sent: PeerMessage[] = [];
  readonly errors: SessionError[] = [];

  constructor(private readonly machine: AnyFlowMachine) {}

  step(session: FlowSession, record: StepRecord): void {
    for (const effect of record.effects) if (effect.kind === 'send') this.sent.push(peerMessageOfSend(effect));
    // The initial step of an instance is its creation, not a logged event.
    if (record.event === undefined) return;
    const key = session.key ?? '';
    let lines = this.timelines.get(key);
    if (lines === undefined) this.timelines.set(key, (lines = []));
    lines.push(this.#line(record.event, record));
  }

  error(_session: FlowSession, error: SessionError): void {
    this.errors.push(error);
  }

  #line(event: FlowEvent, record: StepRecord): string {
    const timer = (event as { readonly timer?: unknown }).timer;
    const name = event.type === '$timer' && typeof timer === 'string' ? `$timer ${timer}` : event.type;
    const emits = emitsOf(record.effects).map((e) => formatEmit(this.machine, e));
    const ignored = record.taken.length === 0 ? ' (ignored)' : '';
    return `${name} -> ${regionStates(this.machine, record.after)}${emits.length > 0 ? ` ! ${emits.join(', ')}` : ''}${ignored}`;
  }
}

function peerMessageOfSend(effect: SendEffect): PeerMessage {
  return { to: effect.key, type: effect.event, fields: effect.payload };
}

export function runThroughRegistry(machine: AnyFlowMachine, scenario: Scenario): RegistryRun {
  const log = readScenario(scenario);
  const first = log.items[0];
  const clock = new VirtualClock(first?.time ?? 0);
  const observer = new TimelineObserver(machine);
  const registry = new SessionRegistry({ machines: [machine], ports: createMemoryPorts(), clock, observer });
  const logged: PeerMessage[] = [];
  const refused: string[] = [];
  const checkpoints: Checkpoint[] = [];
  const statesOf = (agentId: string): string => {
    const snapshot = registry.get(machine.name, agentId)?.snapshot;
    return snapshot === undefined ? '(no instance)' : regionStates(machine, snapshot.configuration);
  };
  for (const item of log.items) {
    if (item.kind !== 'event') continue;
    clock.advanceTo(item.time);
    const agentId = item.event['agentId'];
    if (typeof agentId !== 'string') {
      refused.push(`line ${item.frame}: no agentId`);
      continue;
    }
    const { type, ...fields } = eventOfLine(item.event);
    if (item.event['source'] === PEER_SOURCE) {
      logged.push({ to: agentId, type, fields });
      continue;
    }
    if (registry.get(machine.name, agentId) === undefined) {
      const spawned = registry.spawn(machine.name, inputOf(agentId));
      if (!(spawned instanceof FlowSession)) refused.push(`line ${item.frame}: ${spawned.message}`);
    }
    const rejection = registry.deliver(machine.name, agentId, { ...fields, type });
    if (rejection !== undefined) refused.push(`line ${item.frame}: ${rejection.message}`);
    checkpoints.push({ frame: item.frame, agentId, type, states: Object.fromEntries(scenario.agents.map((a) => [a, statesOf(a)])) });
  }
  return {
    registry,
    timelines: observer.timelines,
    sent: observer.sent,
    logged,
    errors: observer.errors,
    refused,
    checkpoints,
    statesOf,
  };
}
