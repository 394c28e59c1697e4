/**
 * What a replay keeps of the messages it has replayed. A busy capture has
 * thousands of calls live at once, and each call's dialogs live as long as
 * the call: if a dialog (or any key or field kept that long) holds a view
 * into a message's text, every INVITE's whole text stays in memory with it,
 * and a night's capture runs the process out of heap.
 *
 * Checked on the heap itself: a snapshot taken in the middle of a replay of
 * 300 overlapping calls (all 300 in progress) may hold the text of the few
 * messages being replayed around that point, not one per call.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnyFlowMachine } from '../../../runtime/machine.js';
import { simulate } from '../../../runtime/simulate/index.js';
import { openTrace, readTrace, type TraceItem } from '../../../runtime/trace/index.js';
import { CAPTURE_INPUT, externalTransfer, TRACES } from './fixtures.js';
import { heapSnapshot, type HeapSnapshotJson } from './heap-snapshot.js';
import { manyCallsPcap } from './many-calls.js';

const CALLS = 300;

let machine: AnyFlowMachine;

beforeAll(async () => {
  ({ machine } = await externalTransfer());
});

/** Strings on the heap that are a whole SIP message: a start line of a request or a response, and longer than any field. */
function messageTexts(heap: HeapSnapshotJson): number {
  const fields = heap.snapshot.meta.node_fields;
  const width = fields.length;
  const type = fields.indexOf('type');
  const name = fields.indexOf('name');
  const size = fields.indexOf('self_size');
  const types = heap.snapshot.meta.node_types[0];
  let count = 0;
  for (let i = 0; i < heap.nodes.length; i += width) {
    if (types[heap.nodes[i + type] ?? -1] !== 'string' || (heap.nodes[i + size] ?? 0) < 200) continue;
    const text = heap.strings[heap.nodes[i + name] ?? -1] ?? '';
    if (/^(?:[A-Z]+ sip:\S+ SIP\/2\.0\r\n|SIP\/2\.0 \d{3} )/.test(text)) count++;
  }
  return count;
}

describe('a replay of many overlapping calls', () => {
  it('keeps no message text alive past the messages around the one being replayed', async () => {
    const happy = readTrace(readFileSync(join(TRACES, 'external-transfer-happy.pcap')), 'happy.pcap');
    // 2 ms apart: every call is still in progress half way through the capture.
    const { pcap, messages } = manyCallsPcap(happy, CALLS, 2);
    const opened = openTrace(pcap, 'many.pcap');
    let seen = 0;
    let heap: Promise<HeapSnapshotJson> | undefined;
    let items: Iterator<TraceItem> | undefined;
    // Items handed out one at a time; the snapshot is taken once, half way, from inside the replay.
    const trace = {
      ...opened,
      items: {
        [Symbol.iterator]: (): Iterator<TraceItem> => {
          items = opened.items[Symbol.iterator]();
          return {
            next: (): IteratorResult<TraceItem> => {
              if (++seen === Math.floor(messages / 2)) heap = heapSnapshot();
              return items?.next() ?? { value: undefined, done: true };
            },
          };
        },
      },
    };
    // The flow side given: inferring it reads the first 20,000 messages ahead (flow-side.ts), and holds them until replayed.
    const result = simulate(machine, trace, { input: CAPTURE_INPUT, as: ['127.0.0.10'], steps: 'lean' });
    expect(result.verdict).toBe('pass');
    expect(result.counts.calls).toBe(CALLS);
    expect(heap).toBeDefined();
    const texts = messageTexts(await (heap ?? heapSnapshot()));
    // Each call has sent three INVITEs by then: a dialog that kept its INVITE's text would leave hundreds.
    expect(texts).toBeLessThan(100);
  });
});
