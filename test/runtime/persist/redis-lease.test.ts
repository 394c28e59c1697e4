/**
 * One flowc per Redis prefix (runtime/persist/redis-lease.ts), on a real
 * redis-server: a second flowc waits for the first's lease and refuses to
 * start while it is held; a released or lapsed lease is taken; a holder of
 * this host whose process is gone is taken over at once; a holder that lost
 * its lease says so. Waits are polled, never timed.
 */
import { describe, expect } from 'vitest';
import { openStores } from '../../../runtime/live/live-stores.js';
import { RedisLease, type LeaseHolder, type RedisLeaseOptions } from '../../../runtime/persist/redis-lease.js';
import { RecordingLog } from '../live/memory-live.js';
import { redisIt, redisTestScope } from './redis-server.js';

const { server, look, defer } = redisTestScope();

const holder = (host: string, pid: number, id: string): LeaseHolder => ({ host, pid, id, since: '2026-11-21T12:00:00.000Z' });

async function acquire(options: RedisLeaseOptions): Promise<RedisLease | string> {
  const lease = await RedisLease.acquire({ pollMs: 20, ...options });
  if (typeof lease !== 'string') defer(() => lease.release());
  return lease;
}

describe('RedisLease: one flowc per prefix', () => {
  redisIt('the first holds `<prefix>owner` with a time to live; a second one gives up with a message naming the holder, and gets it once released', async () => {
    const redis = await server();
    const raw = await look(redis);
    const first = await acquire({ link: await look(redis), key: 'flowc:owner', log: new RecordingLog(), holder: holder('pbx1', 100, 'one') });
    expect(first).toBeInstanceOf(RedisLease);
    expect(JSON.parse(String(await raw.command(['GET', 'flowc:owner'])))).toMatchObject({ host: 'pbx1', pid: 100, id: 'one' });
    expect(Number(await raw.command(['PTTL', 'flowc:owner']))).toBeGreaterThan(0);

    const log = new RecordingLog();
    const second = await acquire({ link: await look(redis), key: 'flowc:owner', log, holder: holder('pbx2', 200, 'two'), waitMs: 200 });
    expect(second).toBe('the Redis prefix is in use: `flowc:owner` is held by another running flowc (host pbx1, pid 100, since 2026-11-21T12:00:00.000Z); each flowc needs its own store.prefix (docs/run.md, "The Redis store")');
    expect(log.lines.map((l) => l.message)).toContain('Redis prefix held by another flowc: waiting for its lease to lapse');

    // Another prefix is another lease.
    expect(await acquire({ link: await look(redis), key: 'other:owner', log: new RecordingLog(), holder: holder('pbx2', 200, 'two') })).toBeInstanceOf(RedisLease);

    if (typeof first !== 'string') await first.release();
    expect(await raw.command(['GET', 'flowc:owner'])).toBeNull();
    expect(await acquire({ link: await look(redis), key: 'flowc:owner', log: new RecordingLog(), holder: holder('pbx2', 200, 'two'), waitMs: 0 })).toBeInstanceOf(RedisLease);
  });

  redisIt('a crashed holder on another host: the next flowc waits until the lease lapses, then holds it', async () => {
    const redis = await server();
    const raw = await look(redis);
    await raw.command(['SET', 'flowc:owner', JSON.stringify(holder('pbx1', 100, 'crashed')), 'PX', '300']);
    const log = new RecordingLog();
    const lease = await acquire({ link: await look(redis), key: 'flowc:owner', log, holder: holder('pbx2', 200, 'next'), waitMs: 20_000 });
    expect(lease).toBeInstanceOf(RedisLease);
    expect(log.lines.map((l) => l.message)).toEqual(['Redis prefix held by another flowc: waiting for its lease to lapse']);
    expect(JSON.parse(String(await raw.command(['GET', 'flowc:owner'])))).toMatchObject({ id: 'next' });
  });

  redisIt('a holder of this host whose process is gone (a restart after a crash) is taken over at once, a live one is not', async () => {
    const redis = await server();
    const raw = await look(redis);
    await raw.command(['SET', 'flowc:owner', JSON.stringify(holder('pbx1', 4242, 'crashed')), 'PX', '60000']);
    const dead = new RecordingLog();
    const taken = await acquire({ link: await look(redis), key: 'flowc:owner', log: dead, holder: holder('pbx1', 5000, 'restarted'), processAlive: (pid) => pid !== 4242, waitMs: 0 });
    expect(taken).toBeInstanceOf(RedisLease);
    expect(dead.lines.map((l) => l.message)).toEqual(['Redis prefix taken over from a flowc of this host that is no longer running']);
    expect(JSON.parse(String(await raw.command(['GET', 'flowc:owner'])))).toMatchObject({ pid: 5000, id: 'restarted' });
    expect(Number(await raw.command(['PTTL', 'flowc:owner']))).toBeLessThanOrEqual(10_000);

    // The same host, its process running: a second flowc there waits and gives up.
    const refused = await acquire({ link: await look(redis), key: 'flowc:owner', log: new RecordingLog(), holder: holder('pbx1', 6000, 'second'), processAlive: () => true, waitMs: 100 });
    expect(refused).toMatch(/held by another running flowc \(host pbx1, pid 5000/);
  });

  redisIt('renewing keeps the lease; one taken by another flowc meanwhile is reported lost, and a lapsed one is taken again', async () => {
    const redis = await server();
    const raw = await look(redis);
    const log = new RecordingLog();
    const lease = await acquire({ link: await look(redis), key: 'flowc:owner', log, holder: holder('pbx1', 100, 'one'), ttlMs: 5_000, renewMs: 60_000 });
    if (typeof lease === 'string') throw new Error(lease);
    await raw.command(['PEXPIRE', 'flowc:owner', '1000']);
    await lease.renew();
    expect(Number(await raw.command(['PTTL', 'flowc:owner']))).toBeGreaterThan(1_000);
    expect(lease.holding).toBe(true);

    await raw.command(['SET', 'flowc:owner', JSON.stringify(holder('pbx2', 200, 'intruder'))]);
    await lease.renew();
    expect(lease.holding).toBe(false);
    expect(log.lines.filter((l) => l.level === 'error').map((l) => l.message)).toEqual(['Redis prefix lease lost to another flowc: both may now drive the same sessions']);
    // Releasing a lease it lost leaves the other's alone.
    await lease.release();
    expect(JSON.parse(String(await raw.command(['GET', 'flowc:owner'])))).toMatchObject({ id: 'intruder' });

    const again = await acquire({ link: await look(redis), key: 'flowc:lapse', log, holder: holder('pbx1', 100, 'one'), ttlMs: 5_000, renewMs: 60_000 });
    if (typeof again === 'string') throw new Error(again);
    await raw.command(['DEL', 'flowc:lapse']);
    await again.renew();
    expect(again.holding).toBe(true);
    expect(JSON.parse(String(await raw.command(['GET', 'flowc:lapse'])))).toMatchObject({ id: 'one' });
  });

  redisIt('flowc run: a store on a prefix another flowc holds is a startup problem at store.prefix; closing the store frees the prefix', async () => {
    const redis = await server();
    const raw = await look(redis);
    await raw.command(['SET', 'flowc:owner', JSON.stringify(holder('elsewhere', 1, 'other')), 'PX', '60000']);
    const refused = await openStores({ type: 'redis', url: redis.url(), prefix: 'flowc:' }, new RecordingLog());
    expect('path' in refused && refused).toMatchObject({ path: 'store.prefix', message: expect.stringMatching(/held by another running flowc \(host elsewhere, pid 1,/) });

    const opened = await openStores({ type: 'redis', url: redis.url(), prefix: 'pbx1:' }, new RecordingLog());
    if ('path' in opened) throw new Error(opened.message);
    expect(JSON.parse(String(await raw.command(['GET', 'pbx1:owner'])))).toMatchObject({ pid: process.pid });
    await opened.close();
    expect(await raw.command(['GET', 'pbx1:owner'])).toBeNull();
  }, 30_000);
});
