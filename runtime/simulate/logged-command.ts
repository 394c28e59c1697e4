/** Application events from an event log, as the machine takes them, and where they are in the trace. */
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

/** Positions of the event items of a trace, to look ahead for a logged command without scanning messages. */
export class EventPositions {
  readonly #positions: number[] = [];

  constructor(items: readonly TraceItem[]) {
    for (let i = 0; i < items.length; i++) if (items[i]?.kind === 'event') this.#positions.push(i);
  }

  /** Event item positions after `index`, in order. */
  *after(index: number): Generator<number> {
    const sorted = this.#positions;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((sorted[mid] ?? Infinity) <= index) lo = mid + 1;
      else hi = mid;
    }
    for (let p = lo; p < sorted.length; p++) {
      const position = sorted[p];
      if (position !== undefined) yield position;
    }
  }
}
