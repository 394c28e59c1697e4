/**
 * A clock that moves only when told to: simulation replays trace timestamps
 * on it and tests step it. Timers fire in due-time order, ties in arming
 * order, so a run is deterministic.
 */
import type { ArmedTimer, Clock, TimerSink } from './clock.js';

class VirtualTimer implements ArmedTimer {
  /** Position in the heap; -1 once fired or disarmed. */
  index = -1;
  constructor(
    readonly timer: string,
    readonly dueAt: number,
    readonly seq: number,
    readonly sink: TimerSink,
  ) {}
}

function before(a: VirtualTimer, b: VirtualTimer): boolean {
  return a.dueAt < b.dueAt || (a.dueAt === b.dueAt && a.seq < b.seq);
}

export class VirtualClock implements Clock {
  private current: number;
  private seq = 0;
  // An indexed binary heap: disarm removes in O(log n) instead of leaving
  // tombstones, so many sessions re-arming timers do not grow it.
  private readonly heap: VirtualTimer[] = [];

  constructor(start = 0) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  /** Timers armed and not yet fired. */
  get pending(): number {
    return this.heap.length;
  }

  arm(sink: TimerSink, timer: string, dueAt: number): ArmedTimer {
    const entry = new VirtualTimer(timer, dueAt, this.seq++, sink);
    entry.index = this.heap.length;
    this.heap.push(entry);
    this.siftUp(entry.index);
    return entry;
  }

  disarm(armed: ArmedTimer): void {
    if (!(armed instanceof VirtualTimer) || armed.index < 0 || this.heap[armed.index] !== armed) return;
    this.removeAt(armed.index);
  }

  /** Due time of the earliest armed timer, for interleaving trace messages and timer firings. */
  nextDueAt(): number | undefined {
    return this.heap[0]?.dueAt;
  }

  /**
   * Moves time to `t`, firing every timer due at or before it in order; the
   * clock reads each timer's due time while it fires. Timers armed by a
   * firing that are due by `t` fire in the same call. Time never goes back:
   * a `t` before now only fires overdue timers. Returns how many fired.
   */
  advanceTo(t: number): number {
    let fired = 0;
    for (let top = this.heap[0]; top !== undefined && top.dueAt <= t; top = this.heap[0]) {
      this.removeAt(0);
      if (top.dueAt > this.current) this.current = top.dueAt;
      fired++;
      top.sink.timerDue(top);
    }
    if (t > this.current) this.current = t;
    return fired;
  }

  advanceBy(ms: number): number {
    return this.advanceTo(this.current + ms);
  }

  /** Fires the earliest timer (and any due with it); false when none is armed. */
  advanceToNext(): boolean {
    const next = this.nextDueAt();
    if (next === undefined) return false;
    this.advanceTo(next);
    return true;
  }

  private removeAt(i: number): void {
    const heap = this.heap;
    const removed = heap[i];
    const last = heap.pop();
    if (removed !== undefined) removed.index = -1;
    if (last === undefined || last === removed) return;
    heap[i] = last;
    last.index = i;
    this.siftDown(i);
    this.siftUp(last.index);
  }

  private siftUp(i: number): void {
    const heap = this.heap;
    const entry = heap[i];
    if (entry === undefined) return;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = heap[p];
      if (parent === undefined || !before(entry, parent)) break;
      heap[i] = parent;
      parent.index = i;
      i = p;
    }
    heap[i] = entry;
    entry.index = i;
  }

  private siftDown(i: number): void {
    const heap = this.heap;
    const entry = heap[i];
    if (entry === undefined) return;
    const n = heap.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const left = heap[l];
      const right = heap[l + 1];
      let c = l;
      let child = left;
      if (right !== undefined && left !== undefined && before(right, left)) {
        c = l + 1;
        child = right;
      }
      if (child === undefined || !before(child, entry)) break;
      heap[i] = child;
      child.index = i;
      i = c;
    }
    heap[i] = entry;
    entry.index = i;
  }
}
