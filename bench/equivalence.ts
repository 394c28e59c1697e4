/**
 * The honest half of the dispatch figures: the hand-written XState machine
 * and the generated one must agree, after every event, on the active state,
 * the leg states and whether the flow is done. Used by the bench before it
 * times anything, and by test/bench with random event sequences.
 */
import { initialTransition, transition, type StateValue } from 'xstate';
import type { AnyFlowMachine, FlowEvent } from '../runtime/machine.js';
import { EXTERNAL_TRANSFER_INPUT } from './external-transfer-machine.js';
import { externalTransferPeer, PEER_TIMER_EVENTS, type PeerEvent } from './peers/external-transfer-xstate.js';

export interface Divergence {
  /** Index of the event after which the two disagree; -1 for the initial state. */
  readonly step: number;
  readonly event: string;
  readonly ours: string;
  readonly peer: string;
}

/** The flow's `$timer` is XState's delayed event; every other event is the same object on both sides. */
export function peerEventOf(event: FlowEvent): PeerEvent {
  if (event.type !== '$timer') return event as PeerEvent;
  const timer: unknown = (event as { readonly timer?: unknown }).timer;
  const delayed = typeof timer === 'string' ? PEER_TIMER_EVENTS[timer] : undefined;
  // XState events are typed by the machine's own; its delayed events are internal, hence the cast.
  return { type: delayed ?? 'xstate.after.unknown' } as unknown as PeerEvent;
}

/** Undefined when both machines agree after every event of `events`. */
export function firstDivergence(machine: AnyFlowMachine, events: readonly FlowEvent[]): Divergence | undefined {
  let ours = machine.initial(EXTERNAL_TRANSFER_INPUT).snapshot;
  let [peer] = initialTransition(externalTransferPeer, EXTERNAL_TRANSFER_INPUT);
  const compare = (step: number, event: string): Divergence | undefined => {
    const a = describeOurs(ours.configuration, ours.legs, ours.status);
    const b = describeOurs(peerConfiguration(peer.value), peer.context.legs, peer.status === 'done' ? 'done' : 'active');
    return a === b ? undefined : { step, event, ours: a, peer: b };
  };
  const initial = compare(-1, '(initial)');
  if (initial !== undefined) return initial;
  for (let i = 0; i < events.length; i++) {
    const event = events[i] as FlowEvent;
    ours = machine.transition(ours, event).snapshot;
    // XState's pure transition() still moves a done snapshot; a running actor ignores the event, as the flow does.
    if (peer.status !== 'done') [peer] = transition(externalTransferPeer, peer, peerEventOf(event));
    const diverged = compare(i, event.type);
    if (diverged !== undefined) return diverged;
  }
  return undefined;
}

/** The final state of each side after `events`, for the bench's own sanity line. */
export function finalStates(machine: AnyFlowMachine, events: readonly FlowEvent[]): { ours: string; peer: string } {
  let ours = machine.initial(EXTERNAL_TRANSFER_INPUT).snapshot;
  let [peer] = initialTransition(externalTransferPeer, EXTERNAL_TRANSFER_INPUT);
  for (const event of events) {
    ours = machine.transition(ours, event).snapshot;
    if (peer.status !== 'done') [peer] = transition(externalTransferPeer, peer, peerEventOf(event));
  }
  return { ours: ours.configuration.join('/'), peer: peerConfiguration(peer.value).join('/') };
}

/** XState's state value (`'Talking'`, `{ HandedOver: 'Transferred' }`) as the flow writes a configuration: ancestors first. */
export function peerConfiguration(value: StateValue): string[] {
  if (typeof value === 'string') return [value];
  const out: string[] = [];
  for (const [state, inner] of Object.entries(value)) {
    out.push(state);
    if (inner !== undefined) out.push(...peerConfiguration(inner));
  }
  return out;
}

function describeOurs(configuration: readonly string[], legs: Readonly<Record<string, string>>, status: string): string {
  const legText = Object.keys(legs)
    .sort()
    .map((leg) => `${leg}=${legs[leg] ?? '?'}`)
    .join(',');
  return `${configuration.join('/')} [${legText}] ${status}`;
}
