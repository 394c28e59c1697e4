/**
 * The FIFO of events waiting while the session is busy with another one
 * (an effect that answers at once, a send between flows, a timer due during a
 * step). A head index instead of Array.shift keeps taking an event O(1).
 */
import type { FlowEvent, TimerEvent } from '../machine.js';
import { FiredTimer } from './fired-timer.js';

export class Mailbox {
  private items: (FlowEvent | undefined)[] = [];
  private head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  push(event: FlowEvent): void {
    this.items.push(event);
  }

  shift(): FlowEvent | undefined {
    if (this.head >= this.items.length) return undefined;
    const event = this.items[this.head];
    this.items[this.head++] = undefined;
    if (this.head === this.items.length) {
      this.items.length = 0;
      this.head = 0;
    }
    return event;
  }

  /** Marks queued firings of `timer` as cancelled: the state that armed it was left. */
  cancelTimer(timer: string): void {
    for (let i = this.head; i < this.items.length; i++) {
      const event = this.items[i];
      if (event instanceof FiredTimer && event.timer === timer) event.cancel();
    }
  }

  /** Queued events in order, without cancelled firings (for saving). */
  pending(): FlowEvent[] {
    const out: FlowEvent[] = [];
    for (let i = this.head; i < this.items.length; i++) {
      const event = this.items[i];
      if (event === undefined) continue;
      if (event instanceof FiredTimer) {
        if (event.cancelled) continue;
        const plain: TimerEvent = { type: '$timer', timer: event.timer };
        out.push(plain);
      } else {
        out.push(event);
      }
    }
    return out;
  }

  clear(): void {
    this.items.length = 0;
    this.head = 0;
  }
}
