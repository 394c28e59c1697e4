/**
 * Checks an event delivered from outside (a desktop command, a send from
 * another flow) against the flow's declared events before the machine sees
 * it. The index is built once per machine and shared by its sessions.
 */
import type { FlowEvent, FlowDescription } from '../machine.js';
import type { Value, ValueType } from '../values.js';

/** An event as a caller writes it: a flat object literal is accepted as well as a FlowEvent. */
export type InboundEvent = FlowEvent | { readonly type: string; readonly [field: string]: Value };

interface EventShape {
  readonly names: readonly string[];
  readonly types: readonly ValueType[];
}

export type EventIndex = ReadonlyMap<string, EventShape>;

export interface EventRejection {
  readonly kind: 'eventRejected';
  readonly reason: 'undeclared' | 'invalidFields' | 'finished' | 'disposed';
  readonly message: string;
}

const indexes = new WeakMap<FlowDescription, EventIndex>();

export function eventIndexOf(flow: FlowDescription): EventIndex {
  let index = indexes.get(flow);
  if (index === undefined) {
    const built = new Map<string, EventShape>();
    for (const info of flow.events) {
      const names = Object.keys(info.fields);
      built.set(info.type, { names, types: names.map((name) => info.fields[name] ?? 'string') });
    }
    index = built;
    indexes.set(flow, index);
  }
  return index;
}

function fits(value: unknown, type: ValueType): boolean {
  switch (type) {
    case 'string':
    case 'uri':
      return typeof value === 'string';
    case 'bool':
      return typeof value === 'boolean';
    case 'int':
      return Number.isInteger(value);
    case 'duration':
      return typeof value === 'number' && Number.isFinite(value) && value >= 0;
    case 'status':
      return Number.isInteger(value) && (value as number) >= 100 && (value as number) <= 699;
  }
}

export function rejectEvent(reason: EventRejection['reason'], message: string): EventRejection {
  return { kind: 'eventRejected', reason, message };
}

/** Undefined when the event may go to the machine. */
export function checkEvent(index: EventIndex, flow: string, event: InboundEvent): EventRejection | undefined {
  const type: unknown = event.type;
  if (typeof type !== 'string') return rejectEvent('invalidFields', 'event has no string `type`');
  if (type === '$timer') {
    const timer: unknown = (event as { readonly timer?: unknown }).timer;
    return typeof timer === 'string' ? undefined : rejectEvent('invalidFields', '`$timer` event has no string `timer`');
  }
  const shape = index.get(type);
  if (shape === undefined) return rejectEvent('undeclared', `flow \`${flow}\` declares no event \`${type}\``);
  const fields = event as unknown as Readonly<Record<string, unknown>>;
  for (let i = 0; i < shape.names.length; i++) {
    const name = shape.names[i];
    const expected = shape.types[i];
    if (name === undefined || expected === undefined) continue;
    if (!fits(fields[name], expected)) {
      return rejectEvent('invalidFields', `field \`${name}\` of event \`${type}\` must be a ${expected}`);
    }
  }
  return undefined;
}
