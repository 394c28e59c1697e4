/**
 * `simulate` reads a trace item by item (`openTrace`, or any iterable) the
 * same as one read whole (`readTrace`): for every capture fixture, through
 * both flows the captures were made for, with and without the flow side
 * and inputs given, the two results are the same JSON — steps, coverage,
 * divergence, problems and all. So are a capture merged with its event log
 * (a logged command looked for ahead of the message it explains) and a
 * capture of many overlapping calls.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compile, loadMachines } from '../../../compiler/index.js';
import type { AnyFlowMachine } from '../../../runtime/machine.js';
import { simulate, type SimulateOptions } from '../../../runtime/simulate/index.js';
import { mergeTraces, openTrace, readTrace, type TraceItem, type TraceRead } from '../../../runtime/trace/index.js';
import { CAPTURE_INPUT, externalTransfer, REPO, TRACES } from './fixtures.js';
import { manyCallsPcap } from './many-calls.js';

const KALLIOPE = 'flows/kalliope/attended-transfer.flow';
const KALLIOPE_INPUT = { transferredUri: 'sip:+15551234567@127.0.0.30', extensionDomain: '127.0.0.40' };
const EVENTS = join(REPO, 'test', 'fixtures', 'events', 'pom', 'external-transfer');

let externalTransferMachine: AnyFlowMachine;
let kalliopeMachine: AnyFlowMachine;

beforeAll(async () => {
  ({ machine: externalTransferMachine } = await externalTransfer());
  const result = await compile([{ path: KALLIOPE, text: readFileSync(join(REPO, KALLIOPE), 'utf8') }], { kinds: ['js'] });
  const [loaded] = await loadMachines(result.files);
  if (loaded === undefined) throw new Error(`AttendedTransfer did not compile: ${JSON.stringify(result.diagnostics)}`);
  kalliopeMachine = loaded;
});

/** The trace's items handed out one at a time, as a reader that does not hold them would. */
function streamed(trace: TraceRead): { readonly name: string; readonly format: TraceRead['format']; readonly items: Iterable<TraceItem> } {
  const items = trace.items;
  return {
    name: trace.name,
    format: trace.format,
    items: {
      *[Symbol.iterator](): Generator<TraceItem> {
        for (const item of items) yield item;
      },
    },
  };
}

function expectSameReplay(machine: AnyFlowMachine, whole: TraceRead, opened: Parameters<typeof simulate>[1], options: SimulateOptions): void {
  const expected = simulate(machine, whole, options);
  const actual = simulate(machine, opened, options);
  // The divergence and coverage first: when they differ, vitest shows them rather than a wall of steps.
  expect(actual.divergence).toEqual(expected.divergence);
  expect(actual.coverage).toEqual(expected.coverage);
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
}

const captures = readdirSync(TRACES).filter((f) => f.endsWith('.pcap') || f.endsWith('.pcapng'));

describe.each(captures)('%s, read item by item', (file) => {
  const bytes = (): Buffer => readFileSync(join(TRACES, file));

  it('replays as when read whole, through both flows', () => {
    const kalliope = file.startsWith('kalliope-');
    const machine = kalliope ? kalliopeMachine : externalTransferMachine;
    const other = kalliope ? externalTransferMachine : kalliopeMachine;
    const input = kalliope ? KALLIOPE_INPUT : CAPTURE_INPUT;
    for (const options of [{}, { input }, { input, as: ['127.0.0.10'] }, { strictCommands: true }] as const) {
      expectSameReplay(machine, readTrace(bytes(), file), openTrace(bytes(), file), options);
    }
    expectSameReplay(other, readTrace(bytes(), file), openTrace(bytes(), file), {});
  });
});

describe('a capture merged with its event log, read item by item', () => {
  const logs = readdirSync(EVENTS).filter((f) => f.endsWith('.jsonl'));

  it.each(logs)('%s', (log) => {
    const capture = log.replace(/\.jsonl$/, captures.includes(log.replace(/\.jsonl$/, '.pcapng')) ? '.pcapng' : '.pcap');
    const merged = mergeTraces([readTrace(readFileSync(join(TRACES, capture)), capture), readTrace(readFileSync(join(EVENTS, log)), log)]);
    for (const options of [{}, { input: CAPTURE_INPUT }, { strictCommands: true }]) {
      expectSameReplay(externalTransferMachine, merged, streamed(merged), options);
    }
  });
});

describe('overlapping calls read item by item', () => {
  it('replay as when read whole, passing or diverging in the middle', () => {
    const happy = readTrace(readFileSync(join(TRACES, 'external-transfer-happy.pcap')), 'happy.pcap');
    const { pcap } = manyCallsPcap(happy, 150, 2);
    const whole = readTrace(pcap, 'many.pcap');
    expectSameReplay(externalTransferMachine, whole, openTrace(pcap, 'many.pcap'), { input: CAPTURE_INPUT });
    expectSameReplay(externalTransferMachine, whole, openTrace(pcap, 'many.pcap'), {});
    // Without the 100th REFER's NOTIFY its call misses what the flow waits for; the replay goes on to the end.
    let notifies = 0;
    const cut = whole.items.filter((item) => !(item.kind === 'sip' && item.message.kind === 'request' && item.message.method === 'NOTIFY' && ++notifies === 100));
    const edited: TraceRead = { ...whole, items: cut };
    const result = simulate(externalTransferMachine, edited, { input: CAPTURE_INPUT });
    expect(result.verdict).toBe('fail');
    expectSameReplay(externalTransferMachine, edited, streamed(edited), { input: CAPTURE_INPUT });
  });
});
