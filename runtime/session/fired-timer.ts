/**
 * The `$timer` event a clock firing puts in the mailbox. It is a class so the
 * session can tell its own firings from a `$timer` event delivered from
 * outside, and drop a firing whose timer was cancelled or re-armed while it
 * waited in the mailbox. The flag is a private field so the event still
 * serializes and compares as `{ type, timer }`.
 */
import type { TimerEvent } from '../machine.js';

export class FiredTimer implements TimerEvent {
  readonly type = '$timer' as const;
  #cancelled = false;

  constructor(readonly timer: string) {}

  get cancelled(): boolean {
    return this.#cancelled;
  }

  cancel(): void {
    this.#cancelled = true;
  }
}
