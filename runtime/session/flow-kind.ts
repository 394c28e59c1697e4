/**
 * What every session of one flow shares: the machine and the index of its
 * declared events. Built once per machine, so a session holds one reference
 * instead of several.
 */
import type { AnyFlowMachine } from '../machine.js';
import { eventIndexOf, type EventIndex } from './event-check.js';

export interface FlowKind {
  readonly machine: AnyFlowMachine;
  readonly events: EventIndex;
}

const kinds = new WeakMap<AnyFlowMachine, FlowKind>();

export function flowKindOf(machine: AnyFlowMachine): FlowKind {
  let kind = kinds.get(machine);
  if (kind === undefined) {
    kind = { machine, events: eventIndexOf(machine) };
    kinds.set(machine, kind);
  }
  return kind;
}
