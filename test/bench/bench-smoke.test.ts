// The bench's pure parts at tiny sizes: they must be right before their timings mean anything.
// No timed assertions here: figures come from `npm run bench`.
import fc from 'fast-check';
import { createActor } from 'xstate';
import { beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../compiler/compile.js';
import type { AnyFlowMachine, FlowEvent } from '../../runtime/machine.js';
import { VirtualClock } from '../../runtime/clock/virtual-clock.js';
import { createMemoryPorts } from '../../runtime/ports/memory-ports.js';
import { readTrace } from '../../runtime/trace/read-trace.js';
import { firstDivergence, finalStates } from '../../bench/equivalence.js';
import { EXTERNAL_TRANSFER_INPUT, loadExternalTransfer } from '../../bench/external-transfer-machine.js';
import { generateFlow, lineCount } from '../../bench/flow-generator.js';
import { HAPPY_PATH, HAPPY_PATH_EVENTS, HAPPY_PATH_FINAL_STATE } from '../../bench/happy-path.js';
import { parseOptions } from '../../bench/options.js';
import { measurePaired } from '../../bench/paired.js';
import { externalTransferPeer, PEER_TIMER_EVENTS } from '../../bench/peers/external-transfer-xstate.js';
import { renderTable } from '../../bench/render-table.js';
import { judged } from '../../bench/result-row.js';
import { runSessionCall } from '../../bench/sections/dispatch.js';
import { replayOfPeer, replayOurs } from '../../bench/sections/replay.js';
import { buildSyntheticCapture } from '../../bench/synthetic-capture.js';
import { TablelessSipPort } from '../../bench/tableless-sip-port.js';
import { FlowSession } from '../../runtime/session/flow-session.js';

let machine: AnyFlowMachine;

beforeAll(async () => {
  machine = await loadExternalTransfer();
});

describe('the generated compile-bench flow', () => {
  it('compiles with no diagnostics at all at 100 lines', async () => {
    const text = generateFlow(100);
    expect(lineCount(text)).toBeGreaterThanOrEqual(100);
    const result = await compile([{ path: 'generated.flow', text }], { kinds: ['ts', 'js'] });
    expect(result.diagnostics).toEqual([]);
    expect(result.files.map((f) => f.kind).sort()).toEqual(['js', 'ts']);
  });

  it('grows by whole stages to at least the lines asked for', () => {
    for (const lines of [1, 250, 1000]) {
      const text = generateFlow(lines);
      expect(lineCount(text)).toBeGreaterThanOrEqual(lines);
      expect(lineCount(text)).toBeLessThan(lines + 80);
    }
  });
});

describe('the hand-written XState peer of ExternalTransfer', () => {
  it('agrees with the generated machine after every event of the happy path, and both end in Disposed', () => {
    expect(firstDivergence(machine, HAPPY_PATH_EVENTS)).toBeUndefined();
    expect(finalStates(machine, HAPPY_PATH_EVENTS)).toEqual({ ours: HAPPY_PATH_FINAL_STATE, peer: HAPPY_PATH_FINAL_STATE });
  });

  it('agrees on state, leg states and done-ness after every event of random sequences', () => {
    // Every event the flow declares, with payloads that exercise each notify guard, plus its timer.
    const alphabet: FlowEvent[] = [];
    for (const info of machine.events) {
      if (info.type === '$timer') for (const timer of Object.keys(PEER_TIMER_EVENTS)) alphabet.push({ type: '$timer', timer } as FlowEvent);
      else if ('status' in info.fields) for (const status of [100, 180, 200, 202, 486]) alphabet.push({ type: info.type, status } as FlowEvent);
      else if ('digits' in info.fields) alphabet.push({ type: info.type, digits: '1' } as FlowEvent);
      else if ('body' in info.fields) alphabet.push({ type: info.type, body: 'x' } as FlowEvent);
      else if ('to' in info.fields) alphabet.push({ type: info.type, to: 'sip:x@y' } as FlowEvent);
      else alphabet.push({ type: info.type });
    }
    // Sequences biased to the happy path's events so runs get deep into the flow, not just Nailing.
    const event = fc.oneof({ arbitrary: fc.constantFrom(...HAPPY_PATH_EVENTS), weight: 3 }, { arbitrary: fc.constantFrom(...alphabet), weight: 1 });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), (events) => {
        expect(firstDivergence(machine, events)).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it('runs the happy path to Disposed as a running actor', () => {
    const actor = createActor(externalTransferPeer, { input: EXTERNAL_TRANSFER_INPUT }).start();
    for (const event of HAPPY_PATH_EVENTS) actor.send(event);
    expect(actor.getSnapshot().value).toBe(HAPPY_PATH_FINAL_STATE);
    expect(actor.getSnapshot().status).toBe('done');
  });
});

describe('the session figure', () => {
  it('runs one call through a FlowSession and memory ports to Disposed', () => {
    const ports = createMemoryPorts();
    const session = runSessionCall(machine, ports, new VirtualClock());
    expect(session.snapshot?.configuration).toEqual([HAPPY_PATH_FINAL_STATE]);
    expect(HAPPY_PATH.filter((s) => s.kind === 'leg')).toHaveLength(11);
  });

  it('starts idle sessions on the table-less SIP port with the agent leg bound', () => {
    const ports = { ...createMemoryPorts(), sip: new TablelessSipPort(['dlg-0', 'dlg-1']) };
    const session = new FlowSession(machine, { environment: { ports, clock: new VirtualClock() }, input: EXTERNAL_TRANSFER_INPUT });
    session.start();
    expect(session.snapshot?.configuration).toEqual(['Nailing']);
    expect(session.dialogOf('agent')).toBe('dlg-0');
  });
});

describe('the replay figure', () => {
  it('builds a capture of distinct calls that flowc and the peer pipeline both pass', async () => {
    const capture = buildSyntheticCapture(3, 2);
    expect(capture.messages).toBe(96);
    const trace = readTrace(capture.pcap, 'synthetic.pcap');
    const sip = trace.items.filter((i) => i.kind === 'sip');
    expect(sip).toHaveLength(96);
    expect(sip.some((i) => i.kind === 'sip' && i.retransmission)).toBe(false);
    expect(new Set(sip.map((i) => (i.kind === 'sip' ? i.message.callId : ''))).size).toBe(3 * capture.templateCallIds.length);
    expect(replayOurs(machine, capture.pcap, 3)).toBe(96);
    // Reading in a worker thread runs the built reader (dist/, as the bench does).
    const built = new URL('../../dist/runtime/trace/read-ahead.js', import.meta.url).href;
    const { openTraceAhead } = (await import(built)) as typeof import('../../runtime/trace/read-ahead.js');
    expect(replayOurs(machine, capture.pcap, 3, openTraceAhead)).toBe(96);
    expect(await replayOfPeer(capture.pcap, 3)).toBe(96);
  });
});

describe('the harness', () => {
  it('measures paired batches and reports the median ratio', () => {
    let spin = 0;
    const work = (n: number) => (units: number): number => {
      for (let i = 0; i < units * n; i++) spin = (spin + i) | 0;
      return units;
    };
    const result = measurePaired(work(1), work(10), { rounds: 3, batchMs: 2 });
    expect(Number.isFinite(result.ratio)).toBe(true);
    expect(result.oursNs).toBeGreaterThan(0);
    expect(result.rounds).toBe(3);
  });

  it('reads its options and renders judged rows', () => {
    expect(parseOptions(['--quick', '--json'])).toMatchObject({ quick: true, json: true, liveSessions: 10_000 });
    expect(parseOptions(['--only', 'nope'])).toMatch(/unknown section/);
    const rows = [
      judged({ section: 's', name: 'fast', ours: { value: 10, unit: 'ns/event' }, peer: { value: 2000, unit: 'ns/event' }, ratio: 200, target: { kind: 'ratio>=', value: 100 } }),
      judged({ section: 's', name: 'slow', ours: { value: 3000, unit: 'ms' }, target: { kind: 'ours<=', value: 2000 } }),
    ];
    expect(rows.map((r) => r.verdict)).toEqual(['ok', 'below']);
    const table = renderTable(rows, 'header');
    expect(table).toContain('200x');
    expect(table).toContain('below target: slow');
  });
});
