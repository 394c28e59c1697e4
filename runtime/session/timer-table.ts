/**
 * The session's armed timers by name. At most one timer per name: a state
 * re-entered re-arms its timer. Few timers are armed at once, so a small
 * array beats a Map. The clock and sink are passed in rather than kept, to
 * keep the table small.
 */
import type { ArmedTimer, Clock, TimerSink } from '../clock/clock.js';

export interface PendingTimer {
  readonly timer: string;
  readonly dueAt: number;
}

export class TimerTable {
  private readonly armed: ArmedTimer[] = [];

  get size(): number {
    return this.armed.length;
  }

  arm(clock: Clock, sink: TimerSink, timer: string, dueAt: number): void {
    this.disarm(clock, timer);
    this.armed.push(clock.arm(sink, timer, dueAt));
  }

  /** False when no timer of that name was armed. */
  disarm(clock: Clock, timer: string): boolean {
    const armed = this.armed;
    for (let i = 0; i < armed.length; i++) {
      const entry = armed[i];
      if (entry !== undefined && entry.timer === timer) {
        clock.disarm(entry);
        armed.splice(i, 1);
        return true;
      }
    }
    return false;
  }

  /** Removes a timer the clock fired; false when it is stale (disarmed or re-armed meanwhile). */
  take(fired: ArmedTimer): boolean {
    const i = this.armed.indexOf(fired);
    if (i < 0) return false;
    this.armed.splice(i, 1);
    return true;
  }

  disarmAll(clock: Clock): void {
    for (const entry of this.armed) clock.disarm(entry);
    this.armed.length = 0;
  }

  /** In arming order, so restoring re-arms ties in the same order. */
  pending(): PendingTimer[] {
    return this.armed.map((entry) => ({ timer: entry.timer, dueAt: entry.dueAt }));
  }
}
