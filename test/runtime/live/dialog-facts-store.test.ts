import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDialogFacts, type DialogFacts } from '../../../runtime/drachtio/dialog-facts.js';
import { FileDialogFactsStore, MemoryDialogFactsStore } from '../../../runtime/live/dialog-facts-store.js';

const fact: DialogFacts = {
  id: 'd1',
  direction: 'outbound',
  phase: 'confirmed',
  stackDialogId: 'c1;from-tag=a',
  coordinates: { callId: 'c1', localTag: 'a', remoteTag: 'b', remoteTarget: 'sip:peer@127.0.0.2', localIdentity: 'sip:flowc@127.0.0.1' },
};

describe('dialog facts stores', () => {
  for (const [name, make] of [
    ['file', () => new FileDialogFactsStore(join(mkdtempSync(join(tmpdir(), 'facts-')), 'dialogs'))],
    ['memory', () => new MemoryDialogFactsStore()],
  ] as const) {
    it(`${name}: keeps the last facts of each session and forgets deleted ones`, async () => {
      const store = make();
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
