import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SILENT_LOG } from '../../../runtime/drachtio/adapter-log.js';
import { parseDialogFacts, type DialogFacts } from '../../../runtime/drachtio/dialog-facts.js';
import { FileDialogFactsStore, MemoryDialogFactsStore, type DialogFactsStore } from '../../../runtime/live/dialog-facts-store.js';
import { openStores, type LiveStores } from '../../../runtime/live/live-stores.js';
import { redisIt, RedisServer, REDIS_SERVER } from '../persist/redis-server.js';

const fact: DialogFacts = {
  id: 'd1',
  direction: 'outbound',
  phase: 'confirmed',
  stackDialogId: 'c1;from-tag=a',
  coordinates: { callId: 'c1', localTag: 'a', remoteTag: 'b', remoteTarget: 'sip:peer@127.0.0.2', localIdentity: 'sip:flowc@127.0.0.1' },
};

// The Redis store passes the same contract, against a real redis-server (skipped loudly without one).
let redis: RedisServer | undefined;
const opened: LiveStores[] = [];
beforeAll(async () => {
  if (REDIS_SERVER !== undefined) redis = await RedisServer.start();
});
afterAll(async () => {
  for (const stores of opened) await stores.close();
  await redis?.stop();
});

async function redisFacts(): Promise<DialogFactsStore> {
  if (redis === undefined) throw new Error('no redis-server');
  const stores = await openStores({ type: 'redis', url: redis.url(), prefix: 'facts:' }, SILENT_LOG);
  if ('path' in stores) throw new Error(stores.message);
  opened.push(stores);
  return stores.facts;
}

describe('dialog facts stores', () => {
  for (const [name, make, test] of [
    ['file', () => Promise.resolve(new FileDialogFactsStore(join(mkdtempSync(join(tmpdir(), 'facts-')), 'dialogs'))), it],
    ['memory', () => Promise.resolve(new MemoryDialogFactsStore()), it],
    ['redis', redisFacts, redisIt],
  ] as const) {
    test(`${name}: keeps the last facts of each session and forgets deleted ones`, async () => {
      const store = await make();
      await store.put('ExternalTransfer', 'c1', [fact]);
      await store.put('ExternalTransfer', 'c1', [fact, { ...fact, id: 'd2' }]);
      await store.put('Agent', 'a1', [{ ...fact, id: 'd3' }]);
      expect((await store.all()).map((f) => f.id).sort()).toEqual(['d1', 'd2', 'd3']);
      await store.delete('ExternalTransfer', 'c1');
      await store.delete('ExternalTransfer', 'never');
      expect((await store.all()).map((f) => f.id)).toEqual(['d3']);
    });
  }

  it('a damaged file loses only its own dialogs', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'facts-')), 'dialogs');
    const store = new FileDialogFactsStore(dir);
    await store.put('F', 'k', [fact]);
    writeFileSync(join(dir, 'G~x.json'), '{ not json');
    expect((await store.all()).map((f) => f.id)).toEqual(['d1']);
  });

  it('drops malformed facts instead of trusting them', () => {
    expect(parseDialogFacts([fact, { id: 3 }, { ...fact, phase: 'weird' }, { ...fact, coordinates: { callId: 'x' } }, null, 'x'])).toEqual([fact]);
    expect(parseDialogFacts({ not: 'a list' })).toEqual([]);
  });
});
