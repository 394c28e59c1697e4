import type { TraceItem, TraceRead } from './trace-item.js';

/**
 * Interleaves several reads (a capture and the event log of the same calls)
 * by time. Each read keeps its own order even where its clock steps back;
 * on equal times the read given first goes first.
 */
export function mergeTraces(reads: readonly TraceRead[]): TraceRead {
  const heads = reads.map(() => 0);
  const total = reads.reduce((n, r) => n + r.items.length, 0);
  const items: TraceItem[] = [];
  while (items.length < total) {
    let best = -1;
    let bestTime = Infinity;
    for (let r = 0; r < reads.length; r++) {
      const item = reads[r]?.items[heads[r] ?? 0];
      if (item !== undefined && (best < 0 || item.time < bestTime)) {
        best = r;
        bestTime = item.time;
      }
    }
    const item = reads[best]?.items[heads[best] ?? 0];
    if (item === undefined) break;
    items.push(item);
    heads[best] = (heads[best] ?? 0) + 1;
  }
  return { name: reads.map((r) => r.name).join(' + '), format: reads.length === 1 ? (reads[0]?.format ?? 'merged') : 'merged', items };
}
