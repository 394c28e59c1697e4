import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SILENT_LOG } from '../../../runtime/drachtio/adapter-log.js';
import { openStores, type LiveStores } from '../../../runtime/live/live-stores.js';
import { FileSnapshotStore, recordFileName } from '../../../runtime/persist/file-snapshot-store.js';
import { MemorySnapshotStore } from '../../../runtime/persist/memory-snapshot-store.js';
import type { SessionRecord } from '../../../runtime/persist/session-record.js';
import { isStoreFailure, type SnapshotStore } from '../../../runtime/persist/snapshot-store.js';
import { redisIt, RedisServer, REDIS_SERVER } from './redis-server.js';

function record(key: string | undefined, configuration: string[] = ['Ringing']): SessionRecord {
  return {
    version: 1,
    flow: 'RingNoAnswer',
    ...(key === undefined ? {} : { key }),
    snapshot: { flow: 'RingNoAnswer', configuration, context: { holds: 0 }, legs: { agent: 'dialing' }, status: 'active' },
    timers: [{ timer: 'Ringing#0', dueAt: 21_000 }],
    legs: [{ leg: 'agent', dialogId: 'd2' }],
  };
}

let directory = '';
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'flowc-store-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

// The Redis store passes the same contract, against a real redis-server (skipped loudly without one).
let redis: RedisServer | undefined;
const opened: LiveStores[] = [];
let prefixes = 0;
beforeAll(async () => {
  if (REDIS_SERVER !== undefined) redis = await RedisServer.start();
});
afterEach(async () => {
  for (const stores of opened.splice(0)) await stores.close();
});
afterAll(async () => {
  await redis?.stop();
});

async function redisStore(): Promise<SnapshotStore> {
  if (redis === undefined) throw new Error('no redis-server');
  const stores = await openStores({ type: 'redis', url: redis.url(), prefix: `contract${++prefixes}:` }, SILENT_LOG);
  if ('path' in stores) throw new Error(stores.message);
  opened.push(stores);
  return stores.snapshots;
}

type StoreTest = (name: string, fn: () => Promise<void>) => void;

const stores: [string, () => Promise<SnapshotStore>, StoreTest][] = [
  ['MemorySnapshotStore', () => Promise.resolve(new MemorySnapshotStore()), it],
  ['FileSnapshotStore', () => Promise.resolve(new FileSnapshotStore(join(directory, 'sessions'), { sync: false })), it],
  ['RedisSnapshotStore', redisStore, redisIt],
];

describe.each(stores)('%s', (_name, make, test) => {
  test('puts, gets, replaces and deletes a record by (flow, key)', async () => {
    const store = await make();
    expect(await store.get('RingNoAnswer', 'c1')).toBeUndefined();
    expect(await store.put(record('c1'))).toBeUndefined();
    expect(await store.get('RingNoAnswer', 'c1')).toEqual(record('c1'));
    await store.put(record('c1', ['Connected', 'Talking']));
    expect(await store.get('RingNoAnswer', 'c1')).toEqual(record('c1', ['Connected', 'Talking']));
    expect(await store.delete('RingNoAnswer', 'c1')).toBeUndefined();
    expect(await store.get('RingNoAnswer', 'c1')).toBeUndefined();
    expect(await store.delete('RingNoAnswer', 'c1')).toBeUndefined();
  });

  test('lists every record, keys with any characters and none included', async () => {
    const store = await make();
    const keys = ['c1', 'sip:a@b/c?d=1', '../../etc', 'x~y', undefined];
    for (const key of keys) await store.put(record(key));
    const { records, failures } = await store.all();
    expect(failures).toEqual([]);
    expect(records.map((r) => r.key ?? '(none)').sort()).toEqual(keys.map((k) => k ?? '(none)').sort());
  });

  test('keeps the last of concurrent puts to one session', async () => {
    const store = await make();
    await Promise.all([1, 2, 3, 4, 5].map((n) => store.put(record('c1', [`S${n}`]))));
    expect(await store.get('RingNoAnswer', 'c1')).toEqual(record('c1', ['S5']));
  });

  test('returns a copy, not the saved object', async () => {
    const store = await make();
    const saved = record('c1');
    await store.put(saved);
    const read = await store.get('RingNoAnswer', 'c1');
    expect(read).toEqual(saved);
    expect(read).not.toBe(saved);
  });
});

describe('FileSnapshotStore on disk', () => {
  it('writes one JSON file per session and leaves no temporary files', async () => {
    const store = new FileSnapshotStore(directory);
    await store.put(record('c1'));
    await store.put(record('c/2'));
    expect((await readdir(directory)).sort()).toEqual(['RingNoAnswer~c%2F2.json', 'RingNoAnswer~c1.json']);
  });

  it('reports a damaged file and still returns the others', async () => {
    const store = new FileSnapshotStore(directory, { sync: false });
    await store.put(record('good'));
    await writeFile(join(directory, recordFileName('RingNoAnswer', 'torn')), '{"version":1,"flow":"Ring');
    await writeFile(join(directory, recordFileName('RingNoAnswer', 'old')), JSON.stringify({ ...record('old'), version: 0 }));
    await writeFile(join(directory, `${recordFileName('RingNoAnswer', 'x')}.123.0.tmp`), 'partial');
    const { records, failures } = await store.all();
    expect(records.map((r) => r.key)).toEqual(['good']);
    expect(failures).toHaveLength(2);
    const torn = await store.get('RingNoAnswer', 'torn');
    expect(isStoreFailure(torn) && torn.message).toMatch(/not JSON/);
  });

  it('lists nothing in a directory that does not exist yet', async () => {
    expect(await new FileSnapshotStore(join(directory, 'none')).all()).toEqual({ records: [], failures: [] });
  });

  it('reports a directory it cannot create as a failure', async () => {
    await writeFile(join(directory, 'file'), 'x');
    const store = new FileSnapshotStore(join(directory, 'file', 'sessions'));
    const failure = await store.put(record('c1'));
    expect(failure).toMatchObject({ kind: 'storeFailure' });
  });
});
