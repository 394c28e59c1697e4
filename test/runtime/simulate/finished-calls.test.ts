/**
 * A replay forgets calls that finished long ago (finished-calls.ts), so a
 * capture of a whole day replays in bounded memory. Checked through
 * `simulate`: what it reports is unchanged while late messages stay within
 * `keepFinishedCalls`, the heap holds only the calls kept, and a trace with
 * an event log keeps every call.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnyFlowMachine } from '../../../runtime/machine.js';
import { simulate, type SimulateOptions } from '../../../runtime/simulate/index.js';
import { mergeTraces, openTrace, readTrace, type OpenedTrace, type TraceItem, type TraceRead } from '../../../runtime/trace/index.js';
import { CAPTURE_INPUT, externalTransfer, fixtureTrace, REPO, TRACES } from './fixtures.js';
import { heapSnapshot, type HeapSnapshotJson } from './heap-snapshot.js';
import { manyCallsPcap } from './many-calls.js';

const AS = ['127.0.0.10'];
const EVENTS = join(REPO, 'test', 'fixtures', 'events', 'pom', 'external-transfer');

let machine: AnyFlowMachine;
let happy: TraceRead;

beforeAll(async () => {
  ({ machine } = await externalTransfer());
  happy = fixtureTrace('external-transfer-happy.pcap');
});

/** Objects on the heap made by the class `name`. */
function instances(heap: HeapSnapshotJson, name: string): number {
  const fields = heap.snapshot.meta.node_fields;
  const width = fields.length;
  const type = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const types = heap.snapshot.meta.node_types[0];
  let count = 0;
  for (let i = 0; i < heap.nodes.length; i += width) {
    if (types[heap.nodes[i + type] ?? -1] === 'object' && heap.strings[heap.nodes[i + nameAt] ?? -1] === name) count++;
  }
  return count;
}

/** The trace, with a heap snapshot taken from inside the replay when it hands out item `at`. */
function snapshotAt(opened: OpenedTrace, at: number): { trace: OpenedTrace; heap: () => Promise<HeapSnapshotJson> | undefined } {
  let heap: Promise<HeapSnapshotJson> | undefined;
  let seen = 0;
  const trace: OpenedTrace = {
    ...opened,
    items: {
      [Symbol.iterator]: (): Iterator<TraceItem> => {
        const items = opened.items[Symbol.iterator]();
        return {
          next: (): IteratorResult<TraceItem> => {
            if (++seen === at) heap = heapSnapshot();
            return items.next();
          },
        };
      },
    },
  };
  return { trace, heap: () => heap };
}

describe('a replay without an event log forgets calls that finished long ago', () => {
  it('holds only the calls it keeps: a snapshot near the end of 200 calls finds a few sessions, not 200', async () => {
    // 15 s apart: each call (~12 s) has ended before the next starts.
    const { pcap, messages } = manyCallsPcap(happy, 200, 15_000);
    const counts: Record<string, number> = {};
    for (const keep of [8, Infinity]) {
      const { trace, heap } = snapshotAt(openTrace(pcap, 'many.pcap'), messages - 40);
      const result = simulate(machine, trace, { input: CAPTURE_INPUT, as: AS, steps: 'lean', keepFinishedCalls: keep });
      expect(result.verdict).toBe('pass');
      expect(result.counts.calls).toBe(200);
      expect(result.counts.unrelated).toBe(0);
      const snapshot = await (heap() ?? Promise.reject(new Error('no snapshot was taken')));
      counts[String(keep)] = instances(snapshot, 'FlowSession');
      // A lean result keeps no bindings of the calls forgotten.
      expect(result.bindings.length).toBe(keep === Infinity ? 600 : 3 * 8);
    }
    // The 8 kept, the call in progress, and at most one more settling.
    expect(counts['8']).toBeLessThanOrEqual(10);
    expect(counts['Infinity']).toBeGreaterThanOrEqual(195);
  });

  it('reports the same as a replay that keeps every call, bindings in call order included', () => {
    // 3 s apart: about four calls overlap, and calls end in another order than they began.
    const { pcap } = manyCallsPcap(happy, 120, 3_000);
    const options: SimulateOptions = { input: CAPTURE_INPUT, as: AS, steps: 'all' };
    const kept = simulate(machine, readTrace(pcap, 'many.pcap'), { ...options, keepFinishedCalls: Infinity });
    const forgetful = simulate(machine, readTrace(pcap, 'many.pcap'), { ...options, keepFinishedCalls: 4 });
    expect(kept.verdict).toBe('pass');
    expect(kept.bindings.length).toBe(360);
    expect(forgetful).toEqual(kept);
  });

  it('gives every capture fixture the same verdict, divergence, coverage and assumed commands, even forgetting each call at once', () => {
    const captures = readdirSync(TRACES).filter((f) => f.startsWith('external-transfer-') && /\.pcap(ng)?$/.test(f));
    expect(captures.length).toBeGreaterThan(20);
    let forgotten = 0;
    for (const file of captures) {
      const options: SimulateOptions = { input: CAPTURE_INPUT, steps: 'all' };
      const kept = simulate(machine, fixtureTrace(file), { ...options, keepFinishedCalls: Infinity });
      const forgetful = simulate(machine, fixtureTrace(file), { ...options, keepFinishedCalls: 0 });
      const { verdict, divergence, coverage, assumed } = kept;
      expect({ verdict, divergence, coverage, assumed }, file).toEqual({
        verdict: forgetful.verdict,
        divergence: forgetful.divergence,
        coverage: forgetful.coverage,
        assumed: forgetful.assumed,
      });
      if (forgetful.counts.unrelated > kept.counts.unrelated) forgotten++;
    }
    // Most calls end before their last messages (the 200 to the last BYE): those then found no call.
    expect(forgotten).toBeGreaterThan(captures.length / 2);
  });

  it('reports a message on a forgotten call as unrelated', () => {
    const result = simulate(machine, happy, { input: CAPTURE_INPUT, as: AS, steps: 'all', keepFinishedCalls: 0 });
    expect(result.verdict).toBe('pass');
    expect(result.counts.unrelated).toBe(1);
    // The flow's last BYE ends it; the 200 that answers comes after the call was forgotten.
    const last = result.steps[result.steps.length - 1];
    expect(last?.kind === 'sip' ? [last.summary, last.call, last.outcome] : undefined).toEqual([
      '200 BYE',
      undefined,
      { kind: 'unrelated', note: 'an answer on a dialog the flow has no leg on' },
    ]);
    expect(result.bindings.map((b) => b.leg)).toEqual(['agent', 'customer', 'external']);
  });

  it('never forgets with an event log: its lines may name a finished call at any time', () => {
    const log = 'external-transfer-happy.jsonl';
    const merged = mergeTraces([happy, readTrace(readFileSync(join(EVENTS, log)), log)]);
    const options: SimulateOptions = { input: CAPTURE_INPUT, as: AS, steps: 'all' };
    const forgetful = simulate(machine, merged, { ...options, keepFinishedCalls: 0 });
    expect(forgetful.counts.unrelated).toBe(0);
    expect(forgetful).toEqual(simulate(machine, merged, { ...options, keepFinishedCalls: Infinity }));
  });
});
