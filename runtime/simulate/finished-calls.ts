/**
 * Lets the replay forget calls that have finished, so that a long capture
 * (a day of a busy site: hundreds of thousands of calls) replays in memory
 * that grows only by what the result reports of each call (~0.35 KB with a
 * lean result), instead of ~5 KB more per call until the heap runs out.
 *
 * A call is forgotten only once it is settled — its flow has ended, nothing
 * it expects of the flow side is pending, no dial timeout is armed on its
 * dialogs — and `keep` more calls have settled since. Until then its dialogs
 * still answer for late messages (the 200 to a BYE, retransmissions, a stray
 * re-INVITE), as they always did. After that, a message on one of its
 * dialogs finds no dialog and is reported as unrelated to the flow.
 *
 * Only a replay without an event log forgets calls: a log's lines may name a
 * finished call (by its key, its Call-ID or the emits it made) at any later
 * time, and must still find it.
 */
import type { ReplayCall } from './replay-call.js';

/** Settled calls kept before the oldest is forgotten: far more than a late message can trail its call. */
export const KEPT_FINISHED_CALLS = 4096;

export class FinishedCalls {
  /** Calls whose flow has ended, not yet settled (an expectation pending, a dial timer armed). */
  readonly #ending: ReplayCall[] = [];
  /** Settled calls, oldest first, from `#head` on (a queue without shifting). */
  #settled: (ReplayCall | undefined)[] = [];
  #head = 0;

  constructor(
    readonly keep: number,
    readonly forget: (call: ReplayCall) => void,
  ) {}

  /** The call's flow has ended: it is settled once its pending expectations are met. */
  ended(call: ReplayCall): void {
    if (call.ending) return;
    call.ending = true;
    this.#ending.push(call);
  }

  /**
   * After each trace item: moves settled calls to the queue and forgets
   * those beyond `keep`. Once the replay has diverged nothing more is
   * compared, so an ended call's pending expectations no longer matter.
   */
  settle(diverged: boolean): void {
    const ending = this.#ending;
    if (ending.length === 0) return;
    let kept = 0;
    for (let i = 0; i < ending.length; i++) {
      const call = ending[i];
      if (call === undefined) continue;
      if (diverged || call.settled) this.#settled.push(call);
      else ending[kept++] = call;
    }
    ending.length = kept;
    while (this.#settled.length - this.#head > this.keep) {
      const oldest = this.#settled[this.#head];
      this.#settled[this.#head++] = undefined;
      if (oldest !== undefined) this.forget(oldest);
    }
    // Drop the forgotten front once it is most of the array.
    if (this.#head > 1024 && this.#head * 2 > this.#settled.length) {
      this.#settled = this.#settled.slice(this.#head);
      this.#head = 0;
    }
  }
}
