/** Application events from an event log, as the machine takes them. */
import type { TraceItem } from '../trace/trace-item.js';
import type { Value } from '../values.js';
import type { CommandEvent } from './command-inference.js';

/** Its type and the fields that are flow values (nested objects and arrays are left out). */
export function commandOf(item: TraceItem): CommandEvent {
  if (item.kind !== 'event') return { type: '' };
  const event: Record<string, Value> = { type: item.event.type };
  for (const key of Object.keys(item.event)) {
    const value = item.event[key];
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') event[key] = value;
  }
  return event as CommandEvent;
}
