/**
 * The one connection a Redis store writes through (node-redis, loaded only
 * when a Redis store is configured). One connection keeps the writes in the
 * order they were sent. Opening fails at once with a message naming the URL
 * (a wrong address is a startup error, not a silent retry loop); once up, a
 * lost connection is logged and retried with a doubling delay, and the
 * writers that waited are told when it is back. Commands are never queued
 * while the connection is down: they fail at once, and the writers keep what
 * is unwritten and catch up (redis-hash-writer.ts).
 */
import type { StoreLog } from './store-log.js';
import { parseRedisUrl, type RedisAddress } from './redis-url.js';

/** The part of node-redis this file uses; everything else sees only RedisLink. */
interface RedisClientLike {
  connect(): Promise<unknown>;
  sendCommand(args: readonly string[]): Promise<unknown>;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'ready', listener: () => void): unknown;
  readonly isReady: boolean;
  close(): Promise<void>;
  destroy(): void;
}

export interface RedisLinkOptions {
  readonly url: string;
  readonly log: StoreLog;
  /** The first reconnect delay, doubled after each failed attempt up to `maxRetryMs` (250 ms, 5 s). */
  readonly firstRetryMs?: number;
  readonly maxRetryMs?: number;
  /** How long opening may take (5 s). */
  readonly connectTimeoutMs?: number;
}

/** Says which command failed and why, without the client's stack. */
export class RedisCommandError extends Error {}

export class RedisLink {
  private readonly readyListeners: (() => void)[] = [];
  private closed = false;

  private constructor(
    private readonly client: RedisClientLike,
    readonly address: RedisAddress,
  ) {}

  /** A connected link, or why there is none (a message naming the URL). */
  static async open(options: RedisLinkOptions): Promise<RedisLink | string> {
    const address = parseRedisUrl(options.url);
    if (typeof address === 'string') return address;
    const { log } = options;
    const first = options.firstRetryMs ?? 250;
    const max = options.maxRetryMs ?? 5_000;
    let up = false;
    // Loaded here, not at the top: `flowc simulate` and `compile` never pay for it.
    const { createClient } = await import('@redis/client');
    const client: RedisClientLike = createClient({
      url: address.url,
      // RESP2: what every Redis since 2.x speaks; these commands answer the same in RESP3.
      RESP: 2,
      disableOfflineQueue: true,
      socket: {
        connectTimeout: options.connectTimeoutMs ?? 5_000,
        reconnectStrategy: (retries: number, cause: Error) => {
          // Before the first connection a failure is final: open() reports it.
          if (!up) return false;
          const delay = Math.min(first * 2 ** Math.max(0, retries - 1), max);
          if (retries === 0) log.warn({ store: address.shown, error: cause.message }, 'Redis connection lost: reconnecting; snapshots wait and are written when it is back');
          else log.warn({ store: address.shown, attempt: retries, retryInMs: delay, error: cause.message }, 'Redis unreachable: reconnecting');
          return delay;
        },
      },
    });
    // Without a listener an 'error' event would be thrown. While opening, the first error says most
    // (a reply that is not Redis's comes before the socket closes); after that the strategy logs.
    let firstError: unknown;
    client.on('error', (error) => {
      if (!up) firstError ??= error;
    });
    try {
      await client.connect();
    } catch (error) {
      client.destroy();
      return `cannot reach Redis at ${address.shown}: ${describe(firstError ?? error)}`;
    }
    // Connecting sends no command without a password or database: ask one, so a missing password fails here.
    try {
      await client.sendCommand(['PING']);
    } catch (error) {
      client.destroy();
      return `Redis at ${address.shown} refuses commands: ${describe(error)}`;
    }
    up = true;
    const link = new RedisLink(client, address);
    let ready = true;
    client.on('ready', () => {
      if (ready || link.closed) return;
      ready = true;
      log.info({ store: address.shown }, 'Redis connection back');
      for (const listener of link.readyListeners) listener();
    });
    client.on('error', () => {
      ready = false;
    });
    return link;
  }

  get ready(): boolean {
    return !this.closed && this.client.isReady;
  }

  /** Called each time the connection comes back after a loss. */
  onReady(listener: () => void): void {
    this.readyListeners.push(listener);
  }

  /** Sends one command; a failure (no connection, a Redis error reply) is a rejected RedisCommandError. */
  async command(args: readonly string[]): Promise<unknown> {
    if (this.closed) throw new RedisCommandError(`the store at ${this.address.shown} is closed`);
    try {
      return await this.client.sendCommand(args);
    } catch (error) {
      throw new RedisCommandError(`${args[0] ?? ''} on ${this.address.shown}: ${describe(error)}`);
    }
  }

  /** Waits for the answers to what was sent, then closes; gives up on a Redis that does not answer. */
  async close(waitMs = 2_000): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (!this.client.isReady) {
      this.client.destroy();
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), waitMs);
    });
    const result = await Promise.race([this.client.close().then(() => 'closed' as const, () => 'closed' as const), late]);
    clearTimeout(timer);
    if (result === 'late') this.client.destroy();
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    // node-redis wraps connection failures (AggregateError for each address tried); the first cause names it.
    if (error instanceof AggregateError && error.errors[0] instanceof Error) return error.errors[0].message;
    return error.message === '' ? error.name : error.message;
  }
  return String(error);
}
