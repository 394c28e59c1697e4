/**
 * One running flowc per Redis prefix. Every flowc resumes all the sessions
 * under its prefix when it starts, so two at once on one prefix would both
 * drive the same calls. The first to start holds a lease, `<prefix>owner`
 * (SET NX with a time to live, renewed by its holder); another flowc on that
 * prefix waits for it and, when it is still held after a lease's lifetime,
 * refuses to start.
 *
 * A flowc that crashed cannot release its lease: the next one waits until it
 * lapses (at most `ttlMs`), or takes it at once when the holder was on this
 * host and its process is gone (the usual restart after a crash; in a
 * container a restarted flowc may even have the dead one's pid).
 */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { RedisLink } from './redis-link.js';
import type { StoreLog } from './store-log.js';

export interface RedisLeaseOptions {
  readonly link: RedisLink;
  /** `<prefix>owner`. */
  readonly key: string;
  readonly log: StoreLog;
  /** How long a lease lasts unless renewed (10 s); a crashed holder's lapses after this. */
  readonly ttlMs?: number;
  /** How often the holder renews (every 3 s). */
  readonly renewMs?: number;
  /** How long to wait for a held lease before giving up (`ttlMs` + 2 s). */
  readonly waitMs?: number;
  /** How often to try while waiting (250 ms). */
  readonly pollMs?: number;
  /** This process as the holder (host and pid of this process, a fresh id). */
  readonly holder?: LeaseHolder;
  /** Whether a process of this host is running (process.kill(pid, 0)). */
  readonly processAlive?: (pid: number) => boolean;
}

/** What the lease key holds, as JSON, readable with `redis-cli GET <prefix>owner`. */
export interface LeaseHolder {
  readonly host: string;
  readonly pid: number;
  readonly id: string;
  readonly since: string;
}

const RENEW = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end";
const RELEASE = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";
const TAKE_OVER = "if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]); return 1 else return 0 end";

export class RedisLease {
  private timer: NodeJS.Timeout | undefined;
  private held = true;

  private constructor(
    private readonly link: RedisLink,
    readonly key: string,
    private readonly value: string,
    private readonly ttlMs: number,
    private readonly log: StoreLog,
  ) {}

  /** Holds the lease, waiting for a current holder as the options say; or says why not. */
  static async acquire(options: RedisLeaseOptions): Promise<RedisLease | string> {
    const { link, key, log } = options;
    const ttlMs = options.ttlMs ?? 10_000;
    const waitMs = options.waitMs ?? ttlMs + 2_000;
    const pollMs = options.pollMs ?? 250;
    const alive = options.processAlive ?? processAlive;
    const me = options.holder ?? { host: hostname(), pid: process.pid, id: randomUUID(), since: new Date().toISOString() };
    const value = JSON.stringify(me);
    const deadline = Date.now() + waitMs;
    let waiting: string | undefined;
    for (;;) {
      try {
        if ((await link.command(['SET', key, value, 'NX', 'PX', String(ttlMs)])) === 'OK') break;
        const current = await link.command(['GET', key]);
        if (typeof current === 'string') {
          const other = parseHolder(current);
          if (other !== undefined && other.host === me.host && (other.pid === me.pid || !alive(other.pid))) {
            // A flowc of this host whose process is gone: it crashed and this is its restart.
            if ((await link.command(['EVAL', TAKE_OVER, '1', key, current, value, String(ttlMs)])) === 1) {
              log.warn({ store: link.address.shown, key, previous: current }, 'Redis prefix taken over from a flowc of this host that is no longer running');
              break;
            }
            continue;
          }
          if (waiting !== current) {
            waiting = current;
            log.warn({ store: link.address.shown, key, holder: current, waitMs: Math.max(0, deadline - Date.now()) }, 'Redis prefix held by another flowc: waiting for its lease to lapse');
          }
        }
      } catch (error) {
        return `cannot take the lease ${key} on ${link.address.shown}: ${error instanceof Error ? error.message : String(error)}`;
      }
      if (Date.now() >= deadline) {
        return `the Redis prefix is in use: \`${key}\` is held by another running flowc (${describeHolder(waiting)}); each flowc needs its own store.prefix (docs/run.md, "The Redis store")`;
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
    const lease = new RedisLease(link, key, value, ttlMs, log);
    lease.timer = setInterval(() => void lease.renew(), options.renewMs ?? 3_000);
    lease.timer.unref();
    return lease;
  }

  /** Whether this process still holds the lease, as of its last renewal. */
  get holding(): boolean {
    return this.held;
  }

  /** Extends the lease; if another flowc has it now (this one was cut off longer than its lifetime), says so loudly. */
  async renew(): Promise<void> {
    let reply: unknown;
    try {
      reply = await this.link.command(['EVAL', RENEW, '1', this.key, this.value, String(this.ttlMs)]);
    } catch {
      // Redis away: the link logs and reconnects; the lease is renewed on a later tick if it has not lapsed.
      return;
    }
    if (reply === 1) {
      if (!this.held) this.log.info({ store: this.link.address.shown, key: this.key }, 'Redis prefix lease held again');
      this.held = true;
      return;
    }
    // Lapsed (Redis was away longer than the lease) or taken: take it back if it is free.
    const retaken = await this.link.command(['SET', this.key, this.value, 'NX', 'PX', String(this.ttlMs)]).catch(() => undefined);
    if (retaken === 'OK') {
      this.held = true;
      this.log.warn({ store: this.link.address.shown, key: this.key }, 'Redis prefix lease had lapsed: taken again');
      return;
    }
    if (this.held) {
      const holder = await this.link.command(['GET', this.key]).catch(() => undefined);
      this.log.error({ store: this.link.address.shown, key: this.key, holder }, 'Redis prefix lease lost to another flowc: both may now drive the same sessions');
    }
    this.held = false;
  }

  /** Stops renewing and lets the next flowc have the prefix at once. */
  async release(): Promise<void> {
    clearInterval(this.timer);
    if (!this.held) return;
    this.held = false;
    await this.link.command(['EVAL', RELEASE, '1', this.key, this.value]).catch(() => undefined);
  }
}

function describeHolder(text: string | undefined): string {
  if (text === undefined) return 'unknown';
  const holder = parseHolder(text);
  return holder === undefined ? text : `host ${holder.host}, pid ${holder.pid}, since ${holder.since}`;
}

function parseHolder(text: string): LeaseHolder | undefined {
  try {
    const json: unknown = JSON.parse(text);
    if (typeof json !== 'object' || json === null) return undefined;
    const { host, pid, id, since } = json as Record<string, unknown>;
    if (typeof host !== 'string' || typeof pid !== 'number' || typeof id !== 'string' || typeof since !== 'string') return undefined;
    return { host, pid, id, since };
  } catch {
    return undefined;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
