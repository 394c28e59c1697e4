/**
 * Every Kalliope capture replayed through flows/kalliope/attended-transfer.flow
 * with `simulate()`: the SIP INFO captures (kalliope-*.pcap) and the RFC 4733
 * ones (kalliope-rfc2833-*.pcap, scripts/capture-kalliope-rfc2833.sh). Each
 * must pass with nothing assumed, along exactly the path its ladder shows,
 * end the call, and have the effects the wire cannot show (prompts, music,
 * conference, the failover report). Together they take every transition.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Effect } from '../../../runtime/effects.js';
import type { AnyFlowMachine } from '../../../runtime/machine.js';
import { simulate, type SimulationResult } from '../../../runtime/simulate/index.js';
import type { Value } from '../../../runtime/values.js';
import { attendedTransfer, CAPTURE_INPUT, fixtureTrace, idOf, labelOf, REPO, T, times, type TransitionLabel } from './attended-transfer-flow.js';

/** #4 and an extension of three digits closed by #. */
const KEYED: readonly TransitionLabel[] = ['up', 'key', 'hash4', ...times('digit', 3), 'close'];

interface Capture {
  readonly file: string;
  /** The transitions taken, in order. */
  readonly path: readonly TransitionLabel[];
  readonly input?: Readonly<Record<string, Value>>;
  /** Keys delivered as `transferer.dtmf`, in order. */
  readonly keys: string;
}

const CAPTURES: readonly Capture[] = [
  // SIP INFO (application/dtmf-relay), one INFO per key.
  { file: 'kalliope-transfer.pcap', keys: '#4201#', path: [...KEYED, 'answer', 'consultLeave', 'transferredAddresseeGone'] },
  { file: 'kalliope-cancel.pcap', keys: '#4201#*0', path: [...KEYED, 'answer', 'key', 'consultCancel', 'talkingHangup'] },
  { file: 'kalliope-conference.pcap', keys: '#4201#*3', path: [...KEYED, 'answer', 'key', 'consultConference', 'answeredOtherHangup'] },
  { file: 'kalliope-addressee-hangup.pcap', keys: '#4201#', path: [...KEYED, 'answer', 'consultAddresseeGone', 'talkingOtherHangup'] },
  // RFC 4733 telephone-events in the RTP.
  {
    file: 'kalliope-rfc2833-switch.pcap',
    keys: '5#4201*9*9*9*3',
    path: [
      'up', 'key', 'key', 'hash4', ...times('digit', 3), 'digitTimeout', 'answer',
      'key', 'consultSwitch', 'key', 'switchBack', 'key', 'consultSwitch', 'key', 'switchedConference',
      'conferenceLeave', 'transferredGone',
    ],
  },
  {
    file: 'kalliope-rfc2833-failover.pcap',
    keys: '#4202#*0#4*0',
    path: [...KEYED, 'addresseeFailed', 'key', 'ringingCancel', 'key', 'hash4', 'keyingStar', 'keyingCancel', 'talkingHangup'],
  },
  { file: 'kalliope-rfc2833-unattended.pcap', keys: '#4201#', path: [...KEYED, 'ringingLeave', 'unattendedAnswer', 'transferredAddresseeGone'] },
  {
    file: 'kalliope-rfc2833-no-answer.pcap',
    keys: '#4203#',
    input: { ringTimeout: 4000 },
    path: [...KEYED, 'addresseeFailed', 'failoverFailed', 'talkingOtherHangup'],
  },
  {
    file: 'kalliope-rfc2833-restore.pcap',
    keys: '#4##4201#*9*0#4201#*3*0',
    path: [
      'up', 'key', 'hash4', 'loneHash', 'nothingKeyed',
      'key', 'hash4', ...times('digit', 3), 'close', 'answer', 'key', 'consultSwitch', 'key', 'switchedCancel',
      'key', 'hash4', ...times('digit', 3), 'close', 'answer', 'key', 'consultConference', 'key', 'conferenceCancel',
      'talkingHangup',
    ],
  },
  {
    file: 'kalliope-rfc2833-switch-hangups.pcap',
    keys: '#4201#*9#4202#*3#4203#*9',
    path: [
      ...KEYED, 'answer', 'key', 'consultSwitch', 'switchedAddresseeGone',
      'key', 'hash4', ...times('digit', 3), 'close', 'answer', 'key', 'consultConference', 'conferenceAddresseeGone',
      'key', 'hash4', ...times('digit', 3), 'close', 'answer', 'key', 'consultSwitch', 'switchedLeave',
      'transferredAddresseeGone',
    ],
  },
  { file: 'kalliope-rfc2833-gateway-busy.pcap', keys: '', path: ['trunkFailed'] },
  { file: 'kalliope-rfc2833-caller-gives-up.pcap', keys: '', path: ['callerGone'] },
  { file: 'kalliope-rfc2833-hangup-while-keying.pcap', keys: '#42', path: ['up', 'key', 'hash4', 'digit', 'keyingHangup'] },
  { file: 'kalliope-rfc2833-transferred-leaves-while-keying.pcap', keys: '#42', path: ['up', 'key', 'hash4', 'digit', 'keyingOtherHangup'] },
  { file: 'kalliope-rfc2833-transferred-leaves-while-ringing.pcap', keys: '#4201#', path: [...KEYED, 'ringingOtherHangup'] },
  { file: 'kalliope-rfc2833-unattended-unreachable.pcap', keys: '#4201#', path: [...KEYED, 'ringingLeave', 'unattendedFailed'] },
  { file: 'kalliope-rfc2833-unattended-abandoned.pcap', keys: '#4201#', path: [...KEYED, 'ringingLeave', 'unattendedAbandoned'] },
  // The phone's transfer key: REFER, a blind transfer.
  { file: 'kalliope-rfc2833-blind.pcap', keys: '', path: ['up', 'blindRefer', 'blindLeave', 'unattendedAnswer', 'transferredGone'] },
  { file: 'kalliope-rfc2833-blind-stays.pcap', keys: '', path: ['up', 'blindRefer', 'blindFailed', 'blindRefer', 'blindAnswer', 'transferredAddresseeGone'] },
  { file: 'kalliope-rfc2833-blind-abandoned.pcap', keys: '', path: ['up', 'blindRefer', 'blindAbandoned'] },
];

let machine: AnyFlowMachine;
let source: string;
const results = new Map<string, SimulationResult>();

beforeAll(async () => {
  ({ machine, source } = await attendedTransfer());
  for (const capture of CAPTURES) {
    results.set(capture.file, simulate(machine, fixtureTrace(capture.file), { input: { ...CAPTURE_INPUT, ...capture.input }, flowSource: source }));
  }
});

function resultOf(file: string): SimulationResult {
  const result = results.get(file);
  if (result === undefined) throw new Error(`${file} was not replayed`);
  return result;
}

/** Every transition taken, in order, by label. */
function pathOf(result: SimulationResult): string[] {
  return result.steps.flatMap((s) => s.taken.map((t) => labelOf(machine, source, t.id)));
}

function effectsOf(result: SimulationResult): Effect[] {
  return result.steps.flatMap((s) => [...s.effects]);
}

/** The keys the flow was given, as one string. */
function keysOf(result: SimulationResult): string {
  return result.steps
    .flatMap((s) => ((s.kind === 'sip' || s.kind === 'event') && s.outcome.kind === 'event' ? [s.outcome.delivered.event] : []))
    .filter((e) => e.type === 'transferer.dtmf')
    .map((e) => String(e['digits']))
    .join('');
}

describe.each(CAPTURES)('$file', (capture) => {
  it('passes with nothing assumed and no problem in the trace', () => {
    const result = resultOf(capture.file);
    // The divergence first: on failure vitest prints what went wrong.
    expect(result.divergence).toBeUndefined();
    expect(result.verdict).toBe('pass');
    expect(result.assumed).toEqual([]);
    expect(result.problems).toEqual([]);
    expect(result.counts.calls).toBe(1);
    expect(result.flowSide.addresses).toEqual(['127.0.0.10']);
  });

  it('takes exactly the path of its ladder and ends the call', () => {
    const result = resultOf(capture.file);
    expect(pathOf(result)).toEqual(capture.path);
    expect(result.steps.at(-1)?.configuration).toEqual(['Ended']);
  });

  it('gives the flow the keys the phone sent, one event per key', () => {
    expect(keysOf(resultOf(capture.file))).toBe(capture.keys);
  });
});

describe('what the wire does not show', () => {
  it('#4 plays the prompt to the transferer and music to the held transferred party', () => {
    const effects = effectsOf(resultOf('kalliope-transfer.pcap'));
    expect(effects).toContainEqual(expect.objectContaining({ kind: 'play', leg: 'transferer', prompt: 'attended-transfer/enter-extension' }));
    expect(effects).toContainEqual(expect.objectContaining({ kind: 'hold', leg: 'transferred', music: 'moh/default' }));
    expect(effects).toContainEqual(expect.objectContaining({ kind: 'dial', leg: 'addressee', to: 'sip:201@127.0.0.40', timeoutMs: 30_000 }));
    // The transferer hung up: the other two are bridged.
    expect(effects.at(-1)).toMatchObject({ kind: 'hangup', leg: 'transferred' });
    expect(effects).toContainEqual(expect.objectContaining({ kind: 'bridge', a: 'transferred', b: 'addressee' }));
  });

  it('*3 mixes the three legs; *9 swaps which one is held and bridged', () => {
    const effects = effectsOf(resultOf('kalliope-rfc2833-switch.pcap'));
    expect(effects).toContainEqual(expect.objectContaining({ kind: 'conference', legs: ['transferer', 'transferred', 'addressee'] }));
    const media = effects.filter((e) => e.kind === 'bridge' || e.kind === 'hold' || e.kind === 'unhold').map((e) =>
      e.kind === 'bridge' ? `bridge ${e.a} ${e.b}` : `${e.kind} ${e.leg}`,
    );
    expect(media).toEqual([
      'bridge transferer transferred', // Talking
      'hold transferred', // #4
      'bridge transferer addressee', // answered: Consult
      'hold addressee', 'unhold transferred', 'bridge transferer transferred', // *9: Switched
      'hold transferred', 'unhold addressee', 'bridge transferer addressee', // *9: Consult
      'hold addressee', 'unhold transferred', 'bridge transferer transferred', // *9: Switched
      'unhold addressee', // *3: Conference
      'bridge transferred addressee', // the transferer left: Transferred
    ]);
  });

  it('a busy extension is reported with its status and its failover destination dialled', () => {
    const effects = effectsOf(resultOf('kalliope-rfc2833-failover.pcap'));
    expect(effects).toContainEqual(expect.objectContaining({ kind: 'emit', event: 'AddresseeFailed', payload: { extension: '202', status: 486 } }));
    expect(effects).toContainEqual(expect.objectContaining({ kind: 'dial', leg: 'addressee', to: 'sip:299@127.0.0.40' }));
  });

  it('an extension nobody answers fails with 408 after the ring timeout; an unregistered failover plays the message', () => {
    const result = resultOf('kalliope-rfc2833-no-answer.pcap');
    const effects = effectsOf(result);
    expect(effects).toContainEqual(expect.objectContaining({ kind: 'emit', event: 'AddresseeFailed', payload: { extension: '203', status: 408 } }));
    expect(effects).toContainEqual(expect.objectContaining({ kind: 'play', leg: 'transferer', prompt: 'attended-transfer/not-reachable' }));
    expect(result.steps.some((s) => s.kind === 'timer' && s.timer === 'dial addressee timeout')).toBe(true);
  });

  it('a blind transfer reports on the REFER with NOTIFYs and has no failover action', () => {
    const effects = effectsOf(resultOf('kalliope-rfc2833-blind-stays.pcap'));
    expect(effects.flatMap((e) => (e.kind === 'notify' ? [e.status] : []))).toEqual([100, 486, 100, 200]);
    expect(effects.filter((e) => e.kind === 'emit')).toEqual([]);
    expect(effects.flatMap((e) => (e.kind === 'dial' ? [e.to] : []))).toEqual(['sip:+15551234567@127.0.0.30', 'sip:201@127.0.0.40', 'sip:202@127.0.0.40']);
  });

  it('with Direct Media on, #4 is no attended transfer: the SIP INFO capture diverges at the hold', () => {
    const result = simulate(machine, fixtureTrace('kalliope-transfer.pcap'), { input: { ...CAPTURE_INPUT, directMedia: true }, flowSource: source });
    expect(result.verdict).toBe('fail');
    expect(result.divergence).toMatchObject({ reason: 'unexpected', configuration: ['Connected', 'Talking'] });
    expect(result.divergence?.actual).toContain('a=sendonly');
  });

  it('the same capture with the default 30 s ring timeout diverges: the CANCEL comes too early', () => {
    const result = simulate(machine, fixtureTrace('kalliope-rfc2833-no-answer.pcap'), { input: CAPTURE_INPUT, flowSource: source });
    expect(result.verdict).toBe('fail');
    expect(result.divergence?.actual).toContain('CANCEL');
  });
});

describe('coverage', () => {
  it('the labels name every transition of the flow exactly once', () => {
    const ids = (Object.keys(T) as TransitionLabel[]).map((label) => idOf(machine, source, label));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort((a, b) => a - b)).toEqual(machine.transitions.map((t) => t.id));
  });

  it('the captures together take every transition and enter every state', () => {
    const transitions = new Set<number>();
    const states = new Set<string>();
    for (const result of results.values()) {
      for (const id of result.coverage.transitions) transitions.add(id);
      for (const state of result.coverage.states) states.add(state);
    }
    const missing = machine.transitions.filter((t) => !transitions.has(t.id)).map((t) => `${t.source} ${t.event} (line ${t.at.line})`);
    expect(missing).toEqual([]);
    expect([...states].sort()).toEqual(machine.states.map((s) => s.name).sort());
  });
});

describe('the RFC 4733 decoder agrees with tshark', () => {
  // scripts/capture-kalliope-rfc2833.sh checked each capture's ladder.txt
  // against tshark's reading of the RTP; the trace reader must find the same keys.
  it.each(CAPTURES.filter((c) => c.file.startsWith('kalliope-rfc2833-')))('$file', (capture) => {
    const name = capture.file.replace(/^kalliope-rfc2833-/, '').replace(/\.pcap$/, '');
    const ladder = readFileSync(join(REPO, 'test', 'sipp', 'kalliope-rfc2833', name, 'ladder.txt'), 'utf8');
    const tsharkKeys = [...ladder.matchAll(/dtmf:(\S)/g)].map((m) => m[1]).join('');
    const decoded = fixtureTrace(capture.file).items.flatMap((i) => (i.kind === 'dtmf' ? [i] : []));
    expect(decoded.map((i) => i.digits).join('')).toBe(tsharkKeys);
    expect(decoded.every((i) => i.ended && i.durationMs === 280 && i.src.port === 50000 && i.dst.port === 16000)).toBe(true);
  });
});
