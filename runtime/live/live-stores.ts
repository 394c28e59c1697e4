/**
 * The stores of `flowc run` as the config chooses them: the session records
 * and the SIP dialog facts beside them, in files (default), in memory, or in
 * Redis. A Redis store connects here, before anything else starts, so an
 * unreachable Redis is a startup error at `store.url`, and takes its
 * prefix's lease (redis-lease.ts), so a prefix another running flowc holds
 * is one at `store.prefix`.
 */
import { join } from 'node:path';
import { FileSnapshotStore } from '../persist/file-snapshot-store.js';
import { MemorySnapshotStore } from '../persist/memory-snapshot-store.js';
import { RedisHashWriter } from '../persist/redis-hash-writer.js';
import { RedisLease } from '../persist/redis-lease.js';
import { RedisLink } from '../persist/redis-link.js';
import { RedisSnapshotStore } from '../persist/redis-snapshot-store.js';
import type { SnapshotStore } from '../persist/snapshot-store.js';
import type { StoreLog } from '../persist/store-log.js';
import type { ConfigProblem } from './config-reader.js';
import { FileDialogFactsStore, MemoryDialogFactsStore, type DialogFactsStore } from './dialog-facts-store.js';
import type { StoreConfig } from './live-config.js';
import { RedisDialogFactsStore } from './redis-dialog-facts-store.js';

export interface LiveStores {
  readonly snapshots: SnapshotStore;
  readonly facts: DialogFactsStore;
  /**
   * Whether what is saved outlives the process. A memory store's records
   * would only ever be read by a resume at start, which in memory finds
   * nothing: such a run saves nothing at all (no snapshot text per step,
   * no copy of every session kept).
   */
  readonly durable: boolean;
  /** After the last write (drain): lets what is on its way finish, then lets go of the connection. */
  close(): Promise<void>;
}

const nothingToClose = (): Promise<void> => Promise.resolve();

export async function openStores(config: StoreConfig, log: StoreLog): Promise<LiveStores | ConfigProblem> {
  switch (config.type) {
    case 'memory':
      return { snapshots: new MemorySnapshotStore(), facts: new MemoryDialogFactsStore(), durable: false, close: nothingToClose };
    case 'file':
      return {
        snapshots: new FileSnapshotStore(join(config.directory, 'sessions'), { sync: config.sync }),
        facts: new FileDialogFactsStore(join(config.directory, 'dialogs')),
        durable: true,
        close: nothingToClose,
      };
    case 'redis':
      return openRedis(config.url, config.prefix, log);
  }
}

async function openRedis(url: string, prefix: string, log: StoreLog): Promise<LiveStores | ConfigProblem> {
  const link = await RedisLink.open({ url, log });
  if (typeof link === 'string') return { path: 'store.url', message: link };
  // Before anything is read: another flowc on this prefix would resume the same sessions.
  const lease = await RedisLease.acquire({ link, key: `${prefix}owner`, log });
  if (typeof lease === 'string') {
    await link.close();
    return { path: 'store.prefix', message: lease };
  }
  // Facts first: on a reconnect the writers catch up in this order, so a record never lands before its dialogs.
  const dialogs = new RedisHashWriter({ link, hash: `${prefix}dialogs`, log });
  const sessions = new RedisHashWriter({ link, hash: `${prefix}sessions`, log });
  log.info({ store: link.address.shown, sessions: `${prefix}sessions`, dialogs: `${prefix}dialogs` }, 'session store: Redis');
  return {
    snapshots: new RedisSnapshotStore(link, sessions),
    facts: new RedisDialogFactsStore(link, dialogs, log),
    durable: true,
    close: async () => {
      const unwritten = sessions.unwritten + dialogs.unwritten;
      if (unwritten > 0) log.error({ store: link.address.shown, unwritten }, 'stopping with writes Redis has not taken: it keeps the state of those sessions before them');
      sessions.stop();
      dialogs.stop();
      await lease.release();
      await link.close();
    },
  };
}
