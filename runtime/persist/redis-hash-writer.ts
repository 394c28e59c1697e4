/**
 * The writes of one Redis hash (one field per session), in order and never
 * lost while the process lives:
 *
 * - per field, at most one command is in flight; what is asked meanwhile
 *   waits, and only the newest of it is sent (a step's snapshot replaces the
 *   one before, so the ones in between need not reach Redis). With a single
 *   connection answering in order, an older snapshot can never land after a
 *   newer one;
 * - a write that fails (Redis gone, an error reply) is answered as a failure
 *   at once, so calls go on, and is kept: it is sent again when the
 *   connection is back, or after a doubling delay, unless something newer for
 *   that field has come in the meantime;
 * - when the connection comes back after a loss, every field this process
 *   has written is written again: a Redis that restarted without its data
 *   (no appendonly) gets back the sessions that did not step during the
 *   outage too. This costs a copy of the last text of each live field in
 *   memory;
 * - an answer that takes longer than `answerWithinMs` is reported as a
 *   failure without waiting (a Redis that hangs must not hang a drain); the
 *   write itself stays on its way.
 */
import type { RedisLink } from './redis-link.js';
import { storeFailure, type StoreFailure } from './snapshot-store.js';
import type { StoreLog } from './store-log.js';

type Change = { readonly kind: 'set'; readonly text: string } | { readonly kind: 'delete' };

type Answer = (failure: StoreFailure | undefined) => void;

interface Field {
  /** The newest change not sent yet. */
  wanted: Change | undefined;
  /** Those waiting for `wanted` (or something newer) to be written. */
  waiting: Answer[];
  sending: boolean;
}

export interface HashWriterOptions {
  readonly link: RedisLink;
  /** The hash's key (`flowc:sessions`). */
  readonly hash: string;
  readonly log: StoreLog;
  readonly answerWithinMs?: number;
  /** Retry delays for writes Redis refused while connected (250 ms doubling to 5 s). */
  readonly firstRetryMs?: number;
  readonly maxRetryMs?: number;
}

export class RedisHashWriter {
  private readonly fields = new Map<string, Field>();
  /** Fields whose last write failed and that wait for a retry. */
  private readonly behind = new Set<string>();
  /** The last text set of each field not deleted since: what Redis should hold. */
  private readonly mirror = new Map<string, string>();
  /** Per field, the promise of its newest write, for reads that must see it. */
  private readonly latest = new Map<string, Promise<StoreFailure | undefined>>();
  private retryTimer: NodeJS.Timeout | undefined;
  private retryMs: number;
  private catchingUp = 0;

  constructor(private readonly options: HashWriterOptions) {
    this.retryMs = options.firstRetryMs ?? 250;
    options.link.onReady(() => this.rewrite());
  }

  get hash(): string {
    return this.options.hash;
  }

  /** Fields whose newest change is not in Redis yet. */
  get unwritten(): number {
    let n = 0;
    for (const field of this.fields.values()) if (field.wanted !== undefined || field.sending) n++;
    return n;
  }

  set(name: string, text: string): Promise<StoreFailure | undefined> {
    return this.change(name, { kind: 'set', text });
  }

  delete(name: string): Promise<StoreFailure | undefined> {
    return this.change(name, { kind: 'delete' });
  }

  /** Settles once the newest write of this field has been answered (or reported late). */
  async written(name: string): Promise<void> {
    await this.latest.get(name);
  }

  async allWritten(): Promise<void> {
    await Promise.all(this.latest.values());
  }

  /** Stops retrying (the link is closing); what is still unwritten stays so. */
  stop(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private change(name: string, change: Change): Promise<StoreFailure | undefined> {
    if (change.kind === 'set') this.mirror.set(name, change.text);
    else this.mirror.delete(name);
    let field = this.fields.get(name);
    if (field === undefined) {
      field = { wanted: undefined, waiting: [], sending: false };
      this.fields.set(name, field);
    }
    field.wanted = change;
    const written = new Promise<StoreFailure | undefined>((resolve) => field.waiting.push(resolve));
    this.pump(name, field);
    const answered = this.deadline(written);
    this.latest.set(name, answered);
    void answered.then(() => {
      if (this.latest.get(name) === answered) this.latest.delete(name);
    });
    return answered;
  }

  private pump(name: string, field: Field): void {
    const change = field.wanted;
    if (field.sending || change === undefined) return;
    field.wanted = undefined;
    field.sending = true;
    const waiting = field.waiting.splice(0);
    void this.send(name, change).then((failure) => {
      field.sending = false;
      if (failure === undefined) {
        for (const answer of waiting) answer(undefined);
        this.wrote(name);
        if (field.wanted !== undefined) this.pump(name, field);
        else if (field.waiting.length === 0) this.fields.delete(name);
        return;
      }
      // Kept for a retry unless something newer came in; everyone waiting hears of the failure now.
      field.wanted ??= change;
      for (const answer of [...waiting, ...field.waiting.splice(0)]) answer(failure);
      this.behind.add(name);
      this.scheduleRetry();
    });
  }

  private async send(name: string, change: Change): Promise<StoreFailure | undefined> {
    const { link, hash } = this.options;
    try {
      await link.command(change.kind === 'set' ? ['HSET', hash, name, change.text] : ['HDEL', hash, name]);
      return undefined;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return storeFailure(`${message} (kept; written when Redis answers again)`);
    }
  }

  private wrote(name: string): void {
    if (!this.behind.delete(name)) return;
    this.catchingUp++;
    if (this.behind.size > 0) return;
    this.options.log.info({ store: this.options.link.address.shown, hash: this.options.hash, written: this.catchingUp }, 'Redis store caught up: the writes that waited are in');
    this.catchingUp = 0;
    this.retryMs = this.options.firstRetryMs ?? 250;
    this.stop();
  }

  private scheduleRetry(): void {
    if (this.retryTimer !== undefined) return;
    const delay = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, this.options.maxRetryMs ?? 5_000);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      // While disconnected the link's reconnect brings the retry; this timer is for refusals on a live connection.
      if (this.options.link.ready) this.retry();
    }, delay);
    this.retryTimer.unref();
  }

  /** After a reconnect: everything again, the newest of each field. */
  private rewrite(): void {
    for (const [name, text] of this.mirror) {
      let field = this.fields.get(name);
      if (field === undefined) {
        field = { wanted: undefined, waiting: [], sending: false };
        this.fields.set(name, field);
      }
      field.wanted ??= { kind: 'set', text };
      this.behind.add(name);
    }
    this.retry();
  }

  private retry(): void {
    for (const name of [...this.behind]) {
      const field = this.fields.get(name);
      if (field === undefined) this.behind.delete(name);
      else this.pump(name, field);
    }
  }

  private deadline(written: Promise<StoreFailure | undefined>): Promise<StoreFailure | undefined> {
    const ms = this.options.answerWithinMs ?? 5_000;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<StoreFailure>((resolve) => {
      timer = setTimeout(() => resolve(storeFailure(`Redis at ${this.options.link.address.shown} did not answer within ${ms} ms (kept; written when it answers)`)), ms);
      timer.unref();
    });
    return Promise.race([written, late]).finally(() => clearTimeout(timer));
  }
}
