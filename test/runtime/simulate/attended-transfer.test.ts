/**
 * The Kalliope captures (seed 002) through flows/kalliope/attended-transfer.flow:
 * an inbound flow driven by DTMF INFO, with hold, a consult call, a 3-way
 * conference and the original call restored. No command is inferred: the
 * keys are in the capture.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compile, loadMachines } from '../../../compiler/index.js';
import type { AnyFlowMachine } from '../../../runtime/machine.js';
import { simulate } from '../../../runtime/simulate/index.js';
import type { TraceItem, TraceRead } from '../../../runtime/trace/index.js';
import { fixtureTrace, REPO } from './fixtures.js';
import { transitionIds, type TransitionName } from './flow-paths.js';

const FLOW = 'flows/kalliope/attended-transfer.flow';
const INPUT = { transferredUri: 'sip:+15551234567@127.0.0.30', extensionDomain: '127.0.0.40' };

let machine: AnyFlowMachine;

beforeAll(async () => {
  const result = await compile([{ path: FLOW, text: readFileSync(join(REPO, FLOW), 'utf8') }], { kinds: ['js'] });
  const [loaded] = await loadMachines(result.files);
  if (loaded === undefined) throw new Error(`AttendedTransfer did not compile: ${JSON.stringify(result.diagnostics)}`);
  machine = loaded;
});

/** #4, an extension keyed in and closed by #, the addressee answers. */
const TO_CONSULT: readonly TransitionName[] = [
  ['Connecting', 'transferred.answered', 'Talking'],
  ['Talking', 'transferer.dtmf', 'Collecting'],
  ['Digits', 'transferer.dtmf', 'Ringing'],
  ['Ringing', 'addressee.answered', 'Consult'],
];

const ENDINGS: readonly (readonly [file: string, ending: readonly TransitionName[]])[] = [
  ['kalliope-addressee-hangup.pcap', [['Consult', 'addressee.hangup', 'Talking'], ['Talking', 'transferred.hangup', 'Ended']]],
  ['kalliope-cancel.pcap', [['Consult', 'transferer.dtmf', 'Talking'], ['Talking', 'transferer.hangup', 'Ended']]],
  ['kalliope-conference.pcap', [['Consult', 'transferer.dtmf', 'Conference'], ['Answered', 'transferred.hangup', 'Ended']]],
  ['kalliope-transfer.pcap', [['Consult', 'transferer.hangup', 'Transferred'], ['Transferred', 'addressee.hangup', 'Ended']]],
];

describe.each(ENDINGS)('%s', (file, ending) => {
  it('passes with nothing assumed, along its path, ending the call', () => {
    const result = simulate(machine, fixtureTrace(file), { input: INPUT });
    expect(result.divergence).toBeUndefined();
    expect(result.assumed).toEqual([]);
    expect(result.problems).toEqual([]);
    expect(result.coverage.transitions).toEqual(expect.arrayContaining(transitionIds(machine, [...TO_CONSULT, ...ending])));
    expect(result.steps.at(-1)?.configuration).toEqual(['Ended']);
    // The phone's INVITE is offered to the PBX: it starts the call on the inbound leg.
    expect(result.steps[0]).toMatchObject({ direction: 'in', outcome: { kind: 'offer', leg: 'transferer', started: true } });
    expect(result.flowSide).toMatchObject({ addresses: ['127.0.0.10'], inferred: true });
    expect(result.flowSide.reason).toContain('127.0.0.10 receives the first INVITE');
    expect(result.unboundInputs).toEqual([{ name: 'failoverUri', observed: [] }]);
  });
});

describe('kalliope-conference.pcap with other inputs', () => {
  const source = (): string => readFileSync(join(REPO, FLOW), 'utf8');

  it('compares the user of a dialled URI, not its host: another domain for the same extension passes', () => {
    const result = simulate(machine, fixtureTrace('kalliope-conference.pcap'), { input: { ...INPUT, extensionDomain: 'pbx.example.com' } });
    expect(result.divergence).toBeUndefined();
  });

  it('another number for the transferred party diverges at its INVITE, blamed on the dial', () => {
    const result = simulate(machine, fixtureTrace('kalliope-conference.pcap'), { input: { ...INPUT, transferredUri: 'sip:+15550000000@127.0.0.30' }, flowSource: source() });
    expect(result.divergence).toMatchObject({
      reason: 'mismatch',
      frame: 5,
      configuration: ['Connecting'],
      sourceLine: expect.stringContaining('dial transferred to transferredUri'),
    });
  });
});

describe('keys as RTP telephone-events instead of SIP INFO', () => {
  /** The capture with each INFO replaced by the key press the trace reader decodes from RTP, and its 200 dropped. */
  function asRtpKeys(trace: TraceRead): TraceRead {
    const items: TraceItem[] = [];
    for (const item of trace.items) {
      if (item.kind !== 'sip') {
        items.push(item);
        continue;
      }
      const m = item.message;
      if (m.kind === 'response' && m.cseq.method === 'INFO') continue;
      if (m.kind === 'request' && m.method === 'INFO') {
        const digits = /Signal=(\S+)/.exec(Buffer.from(m.body).toString('utf8'))?.[1] ?? '';
        items.push({ kind: 'dtmf', trace: item.trace, frame: item.frame, time: item.time, src: { ip: item.src.ip, port: 4000 }, dst: { ip: item.dst.ip, port: 6000 }, digits, callId: m.callId, durationMs: 160, ended: true });
        continue;
      }
      items.push(item);
    }
    return { ...trace, items };
  }

  it('replays the same path: each key is the leg\'s dtmf event', () => {
    const fromInfo = simulate(machine, fixtureTrace('kalliope-conference.pcap'), { input: INPUT });
    const fromRtp = simulate(machine, asRtpKeys(fixtureTrace('kalliope-conference.pcap')), { input: INPUT });
    expect(fromRtp.divergence).toBeUndefined();
    expect(fromRtp.coverage).toEqual(fromInfo.coverage);
    const keys = fromRtp.steps.filter((s) => s.kind === 'event');
    expect(keys.map((s) => s.summary)).toEqual(['#', '4', '2', '0', '1', '#', '*', '3'].map((k) => `DTMF ${k} from 127.0.0.20:4000 on transferer`));
    expect(keys.every((s) => s.kind === 'event' && s.outcome.kind === 'event' && s.outcome.delivered.event.type === 'transferer.dtmf')).toBe(true);
  });
});

