import type { OpenedTrace } from './read-trace.js';
import type { TraceItem, TraceRead } from './trace-item.js';

/**
 * Interleaves several reads (a capture and the event log of the same calls)
 * by time. Each read keeps its own order even where its clock steps back;
 * on equal times the read given first goes first.
 */
export function mergeTraces(reads: readonly TraceRead[]): TraceRead {
  const merged = mergeOpenedTraces(reads);
  return { name: merged.name, format: merged.format, items: [...merged.items] };
}

/**
 * `mergeTraces` as the items are iterated: each trace is read only as far
 * as the merge has got, so a capture merged with its event log is never
 * held whole (each iteration reads every trace afresh).
 */
export function mergeOpenedTraces(traces: readonly OpenedTrace[]): OpenedTrace {
  const first = traces[0];
  return {
    name: traces.map((t) => t.name).join(' + '),
    format: traces.length === 1 && first !== undefined ? first.format : 'merged',
    items: { [Symbol.iterator]: () => interleaved(traces) },
  };
}

function* interleaved(traces: readonly OpenedTrace[]): Generator<TraceItem> {
  const iterators = traces.map((t) => t.items[Symbol.iterator]());
  const heads = iterators.map((it) => it.next());
  try {
    for (;;) {
      let best = -1;
      let bestTime = Infinity;
      for (let r = 0; r < heads.length; r++) {
        const head = heads[r];
        if (head !== undefined && head.done !== true && (best < 0 || head.value.time < bestTime)) {
          best = r;
          bestTime = head.value.time;
        }
      }
      const head = heads[best];
      const iterator = iterators[best];
      if (head === undefined || head.done === true || iterator === undefined) return;
      yield head.value;
      heads[best] = iterator.next();
    }
  } finally {
    // Left early (or done): readers that hold a file or a thread let go of it.
    for (const iterator of iterators) iterator.return?.();
  }
}
