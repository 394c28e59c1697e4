/**
 * Replay semantics on an inbound flow, with traces written as text logs:
 * the offered INVITE starts the call, the flow's answer is its 200, DTMF
 * INFO and peer hold become leg events, a state timer explains a BYE, and a
 * CANCEL racing the answer is not a divergence.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compile, loadMachines } from '../../../compiler/index.js';
import type { AnyFlowMachine } from '../../../runtime/machine.js';
import { simulate } from '../../../runtime/simulate/index.js';
import { readTrace, type TraceRead } from '../../../runtime/trace/index.js';
import { lineOf } from './fixtures.js';

const FLOW = `flow Reception {
  leg caller inbound
  input operatorUri: uri

  initial state Answering {
    entry { answer caller }
    on caller.dtmf when digits == "0" -> Transfer
    on caller.held -> Held
    on caller.hangup -> Done
    after 5s -> Done { hangup caller }
  }

  state Held {
    on caller.resumed -> Answering
    on caller.hangup -> Done
  }

  state Transfer {
    entry { refer caller to operatorUri }
    on caller.referAccepted -> Done
    on caller.referRejected -> Answering
  }

  final state Done
}
`;

let machine: AnyFlowMachine;

beforeAll(async () => {
  const result = await compile([{ path: 'reception.flow', text: FLOW }], { kinds: ['js'] });
  const [loaded] = await loadMachines(result.files);
  if (loaded === undefined) throw new Error(`Reception did not compile: ${JSON.stringify(result.diagnostics)}`);
  machine = loaded;
});

const PBX = '10.0.0.1:5060';
const PHONE = '10.0.0.9:5060';
const CALL_ID = 'c1@10.0.0.9';

interface Message {
  readonly at: number;
  readonly from: string;
  readonly to: string;
  readonly text: string;
}

/** A text log (docs/trace-formats.md): each message after a direction line with its time in seconds. */
function textTrace(messages: readonly Message[]): TraceRead {
  const text = messages.map((m) => `--> ${m.from} -> ${m.to} UDP @ ${m.at}\n${m.text}\n`).join('\n');
  return readTrace(Buffer.from(text), 'reception.txt');
}

function request(method: string, cseq: number, options: { toTag?: boolean; body?: readonly [type: string, text: string]; headers?: readonly string[]; fromPbx?: boolean } = {}): string {
  const fromPbx = options.fromPbx === true;
  const body = options.body?.[1] ?? '';
  return [
    `${method} sip:${fromPbx ? 'phone@10.0.0.9' : 'reception@10.0.0.1'} SIP/2.0`,
    `Via: SIP/2.0/UDP ${fromPbx ? '10.0.0.1' : '10.0.0.9'}:5060;branch=z9hG4bK-${method}-${cseq}-${fromPbx ? 'p' : 'c'}`,
    fromPbx ? 'From: <sip:reception@10.0.0.1>;tag=pbx' : 'From: <sip:phone@10.0.0.9>;tag=phone',
    fromPbx ? 'To: <sip:phone@10.0.0.9>;tag=phone' : `To: <sip:reception@10.0.0.1>${options.toTag === false ? '' : ';tag=pbx'}`,
    `Call-ID: ${CALL_ID}`,
    `CSeq: ${cseq} ${method}`,
    ...(options.headers ?? []),
    ...(options.body === undefined ? [] : [`Content-Type: ${options.body[0]}`]),
    `Content-Length: ${Buffer.byteLength(body)}`,
    '',
    body,
  ].join('\r\n');
}

function response(status: string, cseq: number, method: string, fromPbx: boolean, toTag = true): string {
  return [
    `SIP/2.0 ${status}`,
    `Via: SIP/2.0/UDP ${fromPbx ? '10.0.0.9' : '10.0.0.1'}:5060;branch=z9hG4bK-${method}-${cseq}-${fromPbx ? 'c' : 'p'}`,
    fromPbx ? 'From: <sip:phone@10.0.0.9>;tag=phone' : 'From: <sip:reception@10.0.0.1>;tag=pbx',
    fromPbx ? `To: <sip:reception@10.0.0.1>${toTag ? ';tag=pbx' : ''}` : 'To: <sip:phone@10.0.0.9>;tag=phone',
    `Call-ID: ${CALL_ID}`,
    `CSeq: ${cseq} ${method}`,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

const sdp = (direction: string): readonly [string, string] => [
  'application/sdp',
  ['v=0', 'o=- 1 1 IN IP4 10.0.0.9', 's=-', 'c=IN IP4 10.0.0.9', 't=0 0', 'm=audio 4000 RTP/AVP 0', `a=${direction}`, ''].join('\r\n'),
];

const phone = (at: number, text: string): Message => ({ at, from: PHONE, to: PBX, text });
const pbx = (at: number, text: string): Message => ({ at, from: PBX, to: PHONE, text });

/** INVITE from the phone, 100 and 200 from the PBX, ACK. */
function answered(status = '200 OK'): Message[] {
  return [
    phone(0, request('INVITE', 1, { toTag: false, body: sdp('sendrecv') })),
    pbx(0.01, response('100 Trying', 1, 'INVITE', true, false)),
    pbx(0.02, response(status, 1, 'INVITE', true)),
    phone(0.03, request('ACK', 1)),
  ];
}

describe('an inbound flow replayed from a text log', () => {
  it('starts a call on the offered INVITE, matches the answer, takes DTMF and checks the blind REFER', () => {
    const result = simulate(machine, textTrace([
      ...answered(),
      phone(1, request('INFO', 2, { body: ['application/dtmf-relay', 'Signal=0\r\nDuration=160\r\n'] })),
      pbx(1.01, response('200 OK', 2, 'INFO', true)),
      pbx(1.02, request('REFER', 1, { fromPbx: true, headers: ['Refer-To: <sip:operator@10.0.0.5>'] })),
      phone(1.03, response('202 Accepted', 1, 'REFER', false)),
    ]), { input: { operatorUri: 'sip:operator@10.0.0.5' } });
    expect(result.divergence).toBeUndefined();
    expect(result.flowSide).toMatchObject({ addresses: ['10.0.0.1'], inferred: true });
    expect(result.flowSide.reason).toContain('receives the first INVITE');
    const outcomes = result.steps.map((s) => (s.kind === 'sip' ? s.outcome : undefined));
    expect(outcomes[0]).toEqual({ kind: 'offer', leg: 'caller', started: true });
    expect(outcomes[2]).toMatchObject({ kind: 'expected', expectation: { kind: 'answer', leg: 'caller', at: { line: lineOf(FLOW, 'answer caller') } } });
    expect(outcomes[4]).toMatchObject({ kind: 'event', delivered: { event: { type: 'caller.dtmf', digits: '0' }, handled: true } });
    expect(outcomes[6]).toMatchObject({ kind: 'expected', expectation: { kind: 'refer', at: { line: lineOf(FLOW, 'refer caller to operatorUri') } } });
    expect(result.coverage.states).toEqual(['Answering', 'Transfer', 'Done']);
  });

  it('diverges when the REFER names someone other than the operator', () => {
    const result = simulate(machine, textTrace([
      ...answered(),
      phone(1, request('INFO', 2, { body: ['application/dtmf', '0'] })),
      pbx(1.02, request('REFER', 1, { fromPbx: true, headers: ['Refer-To: <sip:intruder@10.0.0.5>'] })),
    ]), { input: { operatorUri: 'sip:operator@10.0.0.5' } });
    expect(result.divergence).toMatchObject({ reason: 'mismatch', at: { line: lineOf(FLOW, 'refer caller to operatorUri') } });
    expect(result.divergence?.detail).toContain('intruder');
  });

  it('diverges when the flow side rejects the call it should answer', () => {
    const result = simulate(machine, textTrace(answered('486 Busy Here')));
    expect(result.divergence).toMatchObject({ reason: 'mismatch', at: { line: lineOf(FLOW, 'answer caller') }, configuration: ['Answering'] });
    expect(result.divergence?.detail).toContain('486');
  });

  it('turns the peer\'s sendonly and sendrecv re-INVITEs into held and resumed', () => {
    const result = simulate(machine, textTrace([
      ...answered(),
      phone(1, request('INVITE', 2, { body: sdp('sendonly') })),
      pbx(1.01, response('200 OK', 2, 'INVITE', true)),
      phone(1.02, request('ACK', 2)),
      phone(2, request('INVITE', 3, { body: sdp('sendrecv') })),
      pbx(2.01, response('200 OK', 3, 'INVITE', true)),
    ]));
    expect(result.divergence).toBeUndefined();
    const events = result.steps.flatMap((s) => (s.kind === 'sip' && s.outcome.kind === 'event' ? [s.outcome.delivered.event.type] : []));
    expect(events).toEqual(['caller.held', 'caller.resumed']);
    expect(result.steps.at(-1)?.configuration).toEqual(['Answering']);
  });

  it('explains a BYE 5 s after the answer by the state timer, also a little early, but not 2 s early', () => {
    const bye = (at: number): Message => pbx(at, request('BYE', 2, { fromPbx: true }));
    const onTime = simulate(machine, textTrace([...answered(), bye(5.05)]));
    expect(onTime.divergence).toBeUndefined();
    const timer = onTime.steps.findIndex((s) => s.kind === 'timer');
    expect(onTime.steps[timer]).toMatchObject({ kind: 'timer', delivered: { handled: true }, configuration: ['Done'] });
    expect(onTime.steps[timer + 1]).toMatchObject({ outcome: { kind: 'expected', expectation: { kind: 'hangup', at: { line: lineOf(FLOW, 'after 5s -> Done { hangup caller }') } } } });

    // The flow armed its timer at the INVITE; the capture saw the BYE a little before 5 s after the 200.
    expect(simulate(machine, textTrace([...answered(), bye(4.5)])).divergence).toBeUndefined();

    const early = simulate(machine, textTrace([...answered(), bye(3)]));
    expect(early.divergence).toMatchObject({ reason: 'unexpected', at: { line: lineOf(FLOW, 'initial state Answering') } });
    expect(early.divergence?.expected).toContain('a timer');
  });

  it('takes a CANCEL racing the answer as the caller giving up, not as a divergence', () => {
    const result = simulate(machine, textTrace([
      phone(0, request('INVITE', 1, { toTag: false, body: sdp('sendrecv') })),
      phone(0.01, request('CANCEL', 1, { toTag: false })),
      pbx(0.02, response('200 OK', 1, 'CANCEL', true, false)),
      pbx(0.03, response('487 Request Terminated', 1, 'INVITE', true)),
    ]));
    expect(result.divergence).toBeUndefined();
    expect(result.steps[1]).toMatchObject({ outcome: { kind: 'event', delivered: { event: { type: 'caller.cancelled' }, handled: false } } });
    expect(result.steps[3]).toMatchObject({ outcome: { kind: 'stack' } });
  });
});
