/**
 * What the Redis store does beyond the store contract (snapshot-stores.test.ts):
 * its key layout, order under concurrent writes, clear errors, and how it
 * lives through Redis going away. Each test runs its own real redis-server.
 */
import { afterEach, describe, expect } from 'vitest';
import { SILENT_LOG } from '../../../runtime/drachtio/adapter-log.js';
import { openStores, type LiveStores } from '../../../runtime/live/live-stores.js';
import { RedisHashWriter } from '../../../runtime/persist/redis-hash-writer.js';
import { RedisLink } from '../../../runtime/persist/redis-link.js';
import { RedisSnapshotStore, redisField } from '../../../runtime/persist/redis-snapshot-store.js';
import type { SessionRecord } from '../../../runtime/persist/session-record.js';
import { isStoreFailure } from '../../../runtime/persist/snapshot-store.js';
import { RecordingLog } from '../live/memory-live.js';
import { redisIt, redisTestScope, type RedisServer, until } from './redis-server.js';

function record(key: string, step: number): SessionRecord {
  return {
    version: 1,
    flow: 'RingNoAnswer',
    key,
    snapshot: { flow: 'RingNoAnswer', configuration: ['Ringing'], context: { step }, legs: { agent: 'dialing' }, status: 'active' },
    timers: [{ timer: 'Ringing#0', dueAt: 21_000 + step }],
    legs: [{ leg: 'agent', dialogId: 'd2' }],
  };
}

function stepOf(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const parsed = JSON.parse(text) as SessionRecord;
  const step = parsed.snapshot.context['step'];
  return typeof step === 'number' ? step : undefined;
}

const { server, look, defer } = redisTestScope();

async function stores(redis: RedisServer, prefix = 'flowc:', log = new RecordingLog()): Promise<LiveStores> {
  const opened = await openStores({ type: 'redis', url: redis.url(), prefix }, log);
  if ('path' in opened) throw new Error(opened.message);
  defer(() => opened.close());
  return opened;
}

describe('RedisSnapshotStore', () => {
  redisIt('keeps each session as a field `<flow>~<key>` of `<prefix>sessions`, its dialogs in `<prefix>dialogs`; prefixes keep stores apart', async () => {
    const redis = await server();
    const a = await stores(redis, 'flowc:');
    const b = await stores(redis, 'other:');
    await a.snapshots.put(record('c1', 1));
    await a.facts.put('RingNoAnswer', 'c1', [{ id: 'd2', direction: 'outbound', phase: 'confirmed' }]);
    const raw = await look(redis);
    expect(await raw.command(['HKEYS', 'flowc:sessions'])).toEqual(['RingNoAnswer~c1']);
    expect(stepOf(await raw.command(['HGET', 'flowc:sessions', redisField('RingNoAnswer', 'c1')]))).toBe(1);
    expect(JSON.parse(String(await raw.command(['HGET', 'flowc:dialogs', 'RingNoAnswer~c1'])))).toEqual([{ id: 'd2', direction: 'outbound', phase: 'confirmed' }]);
    expect(await b.snapshots.all()).toEqual({ records: [], failures: [] });
    expect(await b.facts.all()).toEqual([]);
    await a.snapshots.delete('RingNoAnswer', 'c1');
    await a.facts.delete('RingNoAnswer', 'c1');
    // What is left is the running flowc's lease on the prefix (redis-lease.ts).
    expect(await raw.command(['KEYS', 'flowc:*'])).toEqual(['flowc:owner']);
  });

  redisIt('reports a damaged entry and still returns the others', async () => {
    const redis = await server();
    const { snapshots } = await stores(redis);
    await snapshots.put(record('good', 1));
    const raw = await look(redis);
    await raw.command(['HSET', 'flowc:sessions', 'RingNoAnswer~torn', '{"version":1,"flow":"Ring']);
    await raw.command(['HSET', 'flowc:sessions', 'RingNoAnswer~old', JSON.stringify({ ...record('old', 1), version: 0 })]);
    const { records, failures } = await snapshots.all();
    expect(records.map((r) => r.key)).toEqual(['good']);
    expect(failures.map((f) => f.message)).toEqual([expect.stringMatching(/^`RingNoAnswer~old`: record version `0`/), expect.stringMatching(/^`RingNoAnswer~torn` is not JSON/)]);
    const torn = await snapshots.get('RingNoAnswer', 'torn');
    expect(isStoreFailure(torn) && torn.message).toMatch(/not JSON/);
  });

  redisIt('never lets an older snapshot overwrite a newer one: concurrent puts to many sessions, watched from a second connection', async () => {
    const redis = await server();
    const { snapshots } = await stores(redis);
    const raw = await look(redis);
    const sessions = Array.from({ length: 20 }, (_, i) => `c${i}`);
    const seen = new Map<string, number[]>(sessions.map((s) => [s, []]));
    let writing = true;
    const watching = (async () => {
      while (writing) {
        const flat = await raw.command(['HGETALL', 'flowc:sessions']);
        if (!Array.isArray(flat)) throw new Error('HGETALL');
        for (let i = 0; i + 1 < flat.length; i += 2) {
          const step = stepOf(flat[i + 1]);
          if (step !== undefined) seen.get(String(flat[i]).replace('RingNoAnswer~', ''))?.push(step);
        }
      }
    })();
    // Every step of every session fired at once, interleaved, none awaited before the next.
    const writes: Promise<unknown>[] = [];
    for (let step = 1; step <= 40; step++) for (const key of sessions) writes.push(snapshots.put(record(key, step)));
    expect((await Promise.all(writes)).filter((w) => w !== undefined)).toEqual([]);
    writing = false;
    await watching;
    for (const key of sessions) {
      const steps = seen.get(key) ?? [];
      expect([key, steps.every((step, i) => i === 0 || step >= (steps[i - 1] ?? 0))]).toEqual([key, true]);
      expect(stepOf(await raw.command(['HGET', 'flowc:sessions', `RingNoAnswer~${key}`]))).toBe(40);
    }
    expect((await snapshots.all()).records).toHaveLength(20);
  });

  redisIt('an unreachable Redis at start is an error at `store.url` naming the URL, with the password masked', async () => {
    const redis = await server();
    const url = `redis://:s3cret@127.0.0.1:${redis.port}/0`;
    await redis.kill();
    const opened = await openStores({ type: 'redis', url, prefix: 'flowc:' }, SILENT_LOG);
    expect(opened).toEqual({ path: 'store.url', message: expect.stringMatching(new RegExp(`^cannot reach Redis at redis://:\\*\\*\\*@127\\.0\\.0\\.1:${redis.port}/0: .*ECONNREFUSED`)) });
    expect(JSON.stringify(opened)).not.toContain('s3cret');
  });

  redisIt('Redis killed and restarted empty mid-run: writes fail as values and are kept; the store catches up, sessions that did not step included', async () => {
    const redis = await server();
    const log = new RecordingLog();
    const { snapshots, facts } = await stores(redis, 'flowc:', log);
    for (const key of ['s1', 's2', 's3']) expect(await snapshots.put(record(key, 1))).toBeUndefined();
    await facts.put('RingNoAnswer', 's2', [{ id: 'd2', direction: 'outbound', phase: 'confirmed' }]);

    await redis.kill();
    const failed = await snapshots.put(record('s1', 2));
    expect(isStoreFailure(failed) && failed.message).toMatch(/kept; written when Redis answers again/);
    expect(await snapshots.delete('RingNoAnswer', 's3')).toMatchObject({ kind: 'storeFailure' });
    expect(await snapshots.put(record('s1', 3))).toMatchObject({ kind: 'storeFailure' });

    await redis.restart();
    const raw = await look(redis);
    const stored = async (key: string): Promise<number | undefined> => stepOf(await raw.command(['HGET', 'flowc:sessions', `RingNoAnswer~${key}`]));
    // Nothing is put after the restart: the store writes what waited, and what Redis lost with its data.
    await until(async () => (await stored('s1')) === 3 && (await stored('s2')) === 1 && (await raw.command(['HLEN', 'flowc:dialogs'])) === 1, 'the store to catch up');
    expect(await stored('s3')).toBeUndefined();
    expect(log.messages('warn')).toContain('Redis connection lost: reconnecting; snapshots wait and are written when it is back');
    expect(log.messages('info')).toEqual(expect.arrayContaining(['Redis connection back', 'Redis store caught up: the writes that waited are in']));
    expect(await snapshots.put(record('s2', 2))).toBeUndefined();
    expect(await stored('s2')).toBe(2);
  });

  redisIt('a write Redis refuses while connected (out of memory) is retried after a delay', async () => {
    const redis = await server();
    const link = await RedisLink.open({ url: redis.url(), log: SILENT_LOG });
    if (typeof link === 'string') throw new Error(link);
    defer(() => link.close());
    const writer = new RedisHashWriter({ link, hash: 'flowc:sessions', log: SILENT_LOG, firstRetryMs: 20, maxRetryMs: 100 });
    const store = new RedisSnapshotStore(link, writer);
    const raw = await look(redis);
    await raw.command(['CONFIG', 'SET', 'maxmemory-policy', 'noeviction']);
    await raw.command(['CONFIG', 'SET', 'maxmemory', '1']);
    const refused = await store.put(record('c1', 1));
    expect(isStoreFailure(refused) && refused.message).toMatch(/OOM/);
    await raw.command(['CONFIG', 'SET', 'maxmemory', '0']);
    await until(async () => stepOf(await raw.command(['HGET', 'flowc:sessions', 'RingNoAnswer~c1'])) === 1, 'the retry');
  });

  redisIt('a Redis that hangs: a put is answered as a failure after the deadline, and lands once Redis answers', async () => {
    const redis = await server();
    const link = await RedisLink.open({ url: redis.url(), log: SILENT_LOG });
    if (typeof link === 'string') throw new Error(link);
    defer(async () => {
      redis.resume();
      await link.close();
    });
    const store = new RedisSnapshotStore(link, new RedisHashWriter({ link, hash: 'flowc:sessions', log: SILENT_LOG, answerWithinMs: 200 }));
    redis.pause();
    const late = await store.put(record('c1', 1));
    expect(isStoreFailure(late) && late.message).toMatch(/did not answer within 200 ms/);
    redis.resume();
    const raw = await look(redis);
    await until(async () => stepOf(await raw.command(['HGET', 'flowc:sessions', 'RingNoAnswer~c1'])) === 1, 'the late write');
  });
});
