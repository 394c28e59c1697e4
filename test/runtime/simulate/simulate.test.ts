/**
 * The real captures (SIPp on loopback, test/fixtures/traces) replayed
 * through the compiled POM external-transfer flow: every one must pass,
 * with the desktop commands it lacks assumed, and cover the path its
 * ladder (test/sipp/<name>/ladder.txt) takes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnyFlowMachine } from '../../../runtime/machine.js';
import { simulate, type SimulationResult } from '../../../runtime/simulate/index.js';
import { mergeTraces, readTrace, type TraceRead } from '../../../runtime/trace/index.js';
import { CAPTURE_INPUT, externalTransfer, fixtureTrace, lineOf } from './fixtures.js';
import { HAPPY_PATH, HAPPY_STATES, transitionIds, type TransitionName } from './flow-paths.js';
import { sipAt } from './trace-edits.js';

let machine: AnyFlowMachine;
let source: string;

beforeAll(async () => {
  ({ machine, source } = await externalTransfer());
});

function commands(result: SimulationResult): string[] {
  return result.assumed.map((a) => a.event);
}

function expectPass(result: SimulationResult): void {
  // The divergence first: when this fails, vitest prints what went wrong, not just "fail".
  expect(result.divergence).toBeUndefined();
  expect(result.verdict).toBe('pass');
}

/** The same call over every transport and link type the fixtures have; the flow side is fd00::10 over IPv6. */
const HAPPY_VARIANTS: readonly (readonly [file: string, flowSide: string])[] = [
  ['external-transfer-happy.pcap', '127.0.0.10'],
  ['external-transfer-tcp.pcap', '127.0.0.10'],
  ['external-transfer-ipv6.pcap', 'fd00::10'],
  ['external-transfer-fragmented.pcap', '127.0.0.10'],
  ['external-transfer-sll.pcap', '127.0.0.10'],
  ['external-transfer-sll2.pcap', '127.0.0.10'],
  ['external-transfer-pcapng.pcapng', '127.0.0.10'],
];

describe.each(HAPPY_VARIANTS)('%s', (file, flowSide) => {
  let result: SimulationResult;

  beforeAll(() => {
    result = simulate(machine, fixtureTrace(file), { flowSource: source });
  });

  it('passes, assuming the Consult and Transfer the capture lacks', () => {
    expectPass(result);
    expect(commands(result)).toEqual(['Consult', 'Transfer']);
    expect(result.problems).toEqual([]);
    expect(result.counts.calls).toBe(1);
  });

  it('infers the flow side and says why', () => {
    expect(result.flowSide).toMatchObject({ addresses: [flowSide], inferred: true });
    expect(result.flowSide.reason).toContain(`${flowSide} sends the first INVITE`);
    expect(result.flowSide.reason).toContain('4 of 4 dialogs');
  });

  it('covers the happy path and nothing else', () => {
    expect(result.coverage.transitions).toEqual(transitionIds(machine, HAPPY_PATH));
    expect(result.coverage.states).toEqual(HAPPY_STATES);
  });

  it('binds the customer leg to the outreach dialog, then to the takeover that supersedes it', () => {
    const customer = result.bindings.find((b) => b.leg === 'customer');
    expect(customer?.dialogs.map((d) => [d.how, d.superseded])).toEqual([
      ['dialed', true],
      ['takeover', false],
    ]);
    // The gateway's BYE on the replaced dialog is `customer.replaced` (ignored), not a hangup.
    const replaced = result.steps.find((s) => s.kind === 'sip' && s.outcome.kind === 'event' && s.outcome.delivered.event.type === 'customer.replaced');
    expect(replaced).toMatchObject({ direction: 'in', configuration: ['Talking'] });
  });
});

describe('external-transfer-happy.pcap in detail', () => {
  const file = 'external-transfer-happy.pcap';

  it('assumes Consult at the hold re-INVITE and Transfer at the REFER, blamed on their `on` lines', () => {
    const result = simulate(machine, fixtureTrace(file));
    expect(result.assumed).toMatchObject([
      { call: 1, frame: 17, event: 'Consult', fields: {}, at: { line: lineOf(source, 'on Consult -> Consulting') } },
      { call: 1, frame: 25, event: 'Transfer', fields: {}, at: { line: lineOf(source, 'on Transfer -> Transferring') } },
    ]);
    const refer = result.steps.find((s) => s.kind === 'sip' && s.frame === 25);
    expect(refer).toMatchObject({
      direction: 'out',
      leg: 'external',
      outcome: { kind: 'expected', expectation: { kind: 'referReplacing', leg: 'external', at: { line: lineOf(source, 'refer external to customer replacing') } } },
      configuration: ['Transferring'],
    });
  });

  it('classifies every message: expected, leg event, or the SIP stack', () => {
    const result = simulate(machine, fixtureTrace(file));
    const kinds = result.steps.map((s) => (s.kind === 'sip' ? `${s.frame}:${s.outcome.kind}` : s.kind));
    const expected = kinds.filter((k) => k.endsWith(':expected')).map((k) => Number(k.split(':')[0]));
    // dial agent, dial customer, takeover, hold, dial external, REFER, BYE external.
    expect(expected).toEqual([1, 6, 11, 17, 20, 25, 31]);
    expect(kinds.filter((k) => k.endsWith(':unrelated') || k.endsWith(':divergence'))).toEqual([]);
  });

  it('checks the Request-URI users against given inputs and reports inputs not given', () => {
    const withInput = simulate(machine, fixtureTrace(file), { input: CAPTURE_INPUT });
    expectPass(withInput);
    expect(withInput.unboundInputs).toEqual([]);

    const without = simulate(machine, fixtureTrace(file));
    expect(without.unboundInputs).toEqual([
      { name: 'agentUri', observed: ['sip:5020@127.0.0.20'] },
      { name: 'customerUri', observed: ['sip:+15551234567@127.0.0.30'] },
      { name: 'externalUri', observed: ['sip:+15557654321@127.0.0.30'] },
    ]);
  });

  it('diverges at the customer INVITE when the customer input names someone else', () => {
    const result = simulate(machine, fixtureTrace(file), { input: { ...CAPTURE_INPUT, customerUri: 'sip:+15550000000@127.0.0.30' } });
    expect(result.verdict).toBe('fail');
    expect(result.divergence).toMatchObject({
      frame: 6,
      reason: 'mismatch',
      at: { line: lineOf(source, 'dial customer to customerUri') },
      configuration: ['Outreach'],
    });
    expect(result.divergence?.detail).toContain('+15551234567');
    expect(result.divergence?.expected).toContain('INVITE sip:+15550000000@127.0.0.30 for customer');
  });

  it('takes the flow side from `as` (IP, IP:port) and fails when it names another party', () => {
    for (const as of ['127.0.0.10', '127.0.0.10:5060']) {
      const result = simulate(machine, fixtureTrace(file), { as: [as] });
      expectPass(result);
      expect(result.flowSide).toEqual({ addresses: [as], inferred: false, reason: 'given' });
    }
    const gateway = simulate(machine, fixtureTrace(file), { as: ['127.0.0.30'] });
    expect(gateway.verdict).toBe('fail');
  });

  it('reports given addresses no message is from or to, after those that cannot be read', () => {
    const unused = simulate(machine, fixtureTrace(file), { as: ['bogus', '10.9.9.9'] });
    expect(unused.problems.slice(0, 2).map((p) => p.reason)).toEqual([
      '`bogus` is not an IP address or IP:port',
      'no SIP message in the trace is from or to 10.9.9.9',
    ]);
    const used = simulate(machine, fixtureTrace(file), { as: ['127.0.0.30'] });
    expect(used.problems.some((p) => p.reason.startsWith('no SIP message'))).toBe(false);
  });

  it('with strict commands, the hold re-INVITE is a divergence blamed on the state waiting for Consult', () => {
    const result = simulate(machine, fixtureTrace(file), { strictCommands: true, flowSource: source });
    expect(result.assumed).toEqual([]);
    expect(result.divergence).toMatchObject({
      frame: 17,
      reason: 'unexpected',
      at: { line: lineOf(source, 'state Talking {') },
      sourceLine: 'state Talking {',
      configuration: ['Talking'],
    });
    expect(result.divergence?.expected).toContain('Consult');
    expect(result.divergence?.actual).toContain('SDP a=sendonly');
    // Comparison stops at the divergence; the rest is listed, not compared.
    const after = result.steps.filter((s) => s.kind === 'sip' && s.frame > 17);
    expect(after.length).toBe(15);
    expect(after.every((s) => s.kind === 'sip' && (s.outcome.kind === 'notCompared' || s.outcome.kind === 'retransmission'))).toBe(true);
  });

  it('is deterministic', () => {
    const a = simulate(machine, fixtureTrace(file), { flowSource: source });
    const b = simulate(machine, fixtureTrace(file), { flowSource: source });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });
});

/** A desktop event log for the happy capture: Consult and Transfer `lead` ms before the messages they cause (negative: after). */
function desktopLog(capture: TraceRead, lead: number): TraceRead {
  const consult = sipAt(capture, 17).time - lead;
  const transfer = sipAt(capture, 25).time - lead;
  const text = [
    JSON.stringify({ time: consult, event: 'Consult', agent: 'a1' }),
    JSON.stringify({ time: new Date(transfer).toISOString(), event: 'Transfer' }),
    '',
  ].join('\n');
  return readTrace(Buffer.from(text), 'desktop.jsonl');
}

describe('a capture merged with the desktop event log', () => {
  it('passes with nothing assumed: the logged commands drive the flow', () => {
    const capture = fixtureTrace('external-transfer-happy.pcap');
    const result = simulate(machine, mergeTraces([capture, desktopLog(capture, 20)]));
    expectPass(result);
    expect(result.assumed).toEqual([]);
    const events = result.steps.filter((s) => s.kind === 'event');
    expect(events).toMatchObject([
      { frame: 1, summary: 'Consult', outcome: { kind: 'command', delivered: { handled: true } }, configuration: ['Consulting'] },
      { frame: 2, summary: 'Transfer', outcome: { kind: 'command', delivered: { handled: true } }, configuration: ['Transferring'] },
    ]);
    expect(result.coverage.transitions).toEqual(transitionIds(machine, HAPPY_PATH));
  });

  it('takes a logged command a little after the message it caused (the log clock lags) without assuming it', () => {
    const capture = fixtureTrace('external-transfer-happy.pcap');
    const result = simulate(machine, mergeTraces([capture, desktopLog(capture, -300)]));
    expectPass(result);
    expect(result.assumed).toEqual([]);
    // The Consult is replayed before the hold it explains, although logged after it.
    const order = result.steps.map((s) => (s.kind === 'event' ? s.summary : s.kind === 'sip' ? String(s.frame) : s.kind));
    expect(order.indexOf('Consult')).toBe(order.indexOf('17') - 1);
    expect(order.indexOf('Transfer')).toBe(order.indexOf('25') - 1);
  });
});

/** The failure paths the capture script records (test/sipp/external-transfer-<name>/ladder.txt). */
const FAILURE_PATHS: readonly (readonly [file: string, assumed: readonly string[], path: readonly TransitionName[]])[] = [
  [
    'external-transfer-refer-rejected.pcap',
    ['Consult', 'Transfer', 'CancelConsult'],
    [
      ...HAPPY_PATH.slice(0, 6),
      ['Transferring', 'external.referRejected', 'Consult'],
      ['Consult', 'CancelConsult', 'Talking'],
      ['Talking', 'customer.hangup', 'Disposed'],
    ],
  ],
  [
    'external-transfer-notify-busy.pcap',
    ['Consult', 'Transfer'],
    [
      ...HAPPY_PATH.slice(0, 6),
      ['Transferring', 'external.notify'],
      ['Transferring', 'external.notify', 'Consult'],
      ['Consult', 'external.hangup', 'Talking'],
      ['Talking', 'customer.hangup', 'Disposed'],
    ],
  ],
  [
    'external-transfer-external-busy.pcap',
    ['Consult'],
    [...HAPPY_PATH.slice(0, 4), ['Consulting', 'external.failed', 'Talking'], ['Talking', 'customer.hangup', 'Disposed']],
  ],
  [
    'external-transfer-external-no-answer.pcap',
    ['Consult'],
    [...HAPPY_PATH.slice(0, 4), ['Consulting', 'external.failed', 'Talking'], ['Talking', 'customer.hangup', 'Disposed']],
  ],
  [
    'external-transfer-customer-hangup.pcap',
    ['Consult'],
    [...HAPPY_PATH.slice(0, 5), ['Consult', 'customer.hangup', 'Disposed']],
  ],
];

describe.each(FAILURE_PATHS)('%s', (file, assumed, path) => {
  it('passes along its own path', () => {
    const result = simulate(machine, fixtureTrace(file), { input: CAPTURE_INPUT });
    expectPass(result);
    expect(commands(result)).toEqual(assumed);
    expect(result.coverage.transitions).toEqual(transitionIds(machine, path));
    expect(result.problems).toEqual([]);
  });
});

describe('external-transfer-external-no-answer.pcap', () => {
  it('expects the CANCEL when the 30 s dial timeout expires, and the 487 that follows is external.failed(408)', () => {
    const result = simulate(machine, fixtureTrace('external-transfer-external-no-answer.pcap'), { input: CAPTURE_INPUT });
    const timeout = result.steps.findIndex((s) => s.kind === 'timer' && s.timer === 'dial external timeout');
    const cancel = result.steps.findIndex((s) => s.kind === 'sip' && s.summary.startsWith('CANCEL'));
    expect(timeout).toBeGreaterThan(0);
    expect(cancel).toBe(timeout + 1);
    expect(result.steps[cancel]).toMatchObject({ outcome: { kind: 'expected', expectation: { kind: 'dialTimeout', leg: 'external' } } });
    const failed = result.steps.find((s) => s.kind === 'sip' && s.summary === '487 INVITE');
    expect(failed).toMatchObject({ outcome: { kind: 'event', delivered: { event: { type: 'external.failed', status: 408 }, handled: true } } });
  });

  it('with a logged CancelConsult before the timeout, the CANCEL is the flow\'s own and the 487 is external.cancelled', () => {
    const capture = fixtureTrace('external-transfer-external-no-answer.pcap');
    const invite = capture.items.find((i) => i.kind === 'sip' && i.message.kind === 'request' && i.message.method === 'INVITE' && i.message.requestUri.includes('+15557654321'));
    if (invite === undefined) throw new Error('no INVITE to the external party');
    const log = readTrace(Buffer.from(JSON.stringify({ time: invite.time + 10_000, event: 'CancelConsult' })), 'desktop.jsonl');
    const result = simulate(machine, mergeTraces([capture, log]), { input: CAPTURE_INPUT });
    expectPass(result);
    expect(commands(result)).toEqual(['Consult']);
    expect(result.steps.some((s) => s.kind === 'timer')).toBe(false);
    const cancel = result.steps.find((s) => s.kind === 'sip' && s.summary.startsWith('CANCEL'));
    expect(cancel).toMatchObject({ outcome: { kind: 'expected', expectation: { kind: 'cancel', at: { line: lineOf(source, 'on CancelConsult -> Talking { cancel external') } } } });
    const cancelled = result.steps.find((s) => s.kind === 'sip' && s.summary === '487 INVITE');
    expect(cancelled).toMatchObject({ outcome: { kind: 'event', delivered: { event: { type: 'external.cancelled' }, handled: false } } });
  });
});
