/**
 * What every session of one flow shares: the machine and the index of its
 * declared events. Built once per machine, so a session holds one reference
 * instead of several.
 */
import type { AnyFlowMachine, FlowEvent } from '../machine.js';
import type { DialogSignal } from '../ports/dialog-signal.js';
import { eventIndexOf, type EventIndex } from './event-check.js';

export interface FlowKind {
  readonly machine: AnyFlowMachine;
  readonly events: EventIndex;
  /** Leg events of signals without data (`agent.answered`), by leg and signal type: made once, shared by every session. */
  readonly legEvents: Map<string, Map<DialogSignal['type'], FlowEvent>>;
}

const kinds = new WeakMap<AnyFlowMachine, FlowKind>();

export function flowKindOf(machine: AnyFlowMachine): FlowKind {
  let kind = kinds.get(machine);
  if (kind === undefined) {
    kind = { machine, events: eventIndexOf(machine), legEvents: new Map() };
    kinds.set(machine, kind);
  }
  return kind;
}

/** Signals that carry nothing but their type: their leg events can be shared. */
const DATA_FREE: ReadonlySet<DialogSignal['type']> = new Set<DialogSignal['type']>([
  'ringing',
  'early',
  'answered',
  'hangup',
  'cancelled',
  'held',
  'resumed',
  'referAccepted',
  'replaced',
]);

/** The leg's event for a signal: `{ type: 'failed', status: 486 }` on `agent` is `{ type: 'agent.failed', status: 486 }`. */
export function legEventOf(kind: FlowKind, leg: string, signal: DialogSignal): FlowEvent {
  if (!DATA_FREE.has(signal.type)) return { ...signal, type: `${leg}.${signal.type}` };
  let byType = kind.legEvents.get(leg);
  if (byType === undefined) {
    byType = new Map();
    kind.legEvents.set(leg, byType);
  }
  let event = byType.get(signal.type);
  if (event === undefined) {
    event = { type: `${leg}.${signal.type}` };
    byType.set(signal.type, event);
  }
  return event;
}
