/**
 * Mutated traces: the happy capture with one thing changed, in memory. The
 * replay must diverge at the frame that changed and blame the `.flow` line
 * that explains what the flow would have sent instead.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnyFlowMachine } from '../../../runtime/machine.js';
import { simulate } from '../../../runtime/simulate/index.js';
import { mergeTraces, readTrace, type SipTraceItem, type TraceRead } from '../../../runtime/trace/index.js';
import { ETHERTYPE_IPV4, ethernet, ipv4, udp } from '../trace/packet-builder.js';
import { CAPTURE_INPUT, externalTransfer, fixtureTrace, lineOf, TRACES } from './fixtures.js';
import { asTextLog, dropFrames, insertAfter, messageText, moveAfter, replaceFrame, rewritten, sipAt } from './trace-edits.js';

let machine: AnyFlowMachine;
let source: string;
let happy: TraceRead;

beforeAll(async () => {
  ({ machine, source } = await externalTransfer());
  happy = fixtureTrace('external-transfer-happy.pcap');
});

// Frames of the happy capture (test/fixtures/traces/README.md).
const HOLD = 17;
const REFER = 25;
const REFER_ACCEPTED = 26;
const NOTIFY = 29;
const BYE_EXTERNAL = 31;

function withDesktopLog(capture: TraceRead): TraceRead {
  const text = [
    JSON.stringify({ time: sipAt(happy, HOLD).time - 20, event: 'Consult' }),
    JSON.stringify({ time: sipAt(happy, REFER).time - 20, event: 'Transfer' }),
  ].join('\n');
  return mergeTraces([capture, readTrace(Buffer.from(text), 'desktop.jsonl')]);
}

describe('a dropped REFER', () => {
  it('with the desktop log: the flow side hangs up the external party while the REFER is still expected', () => {
    const result = simulate(machine, withDesktopLog(dropFrames(happy, [REFER])), { flowSource: source });
    expect(result.verdict).toBe('fail');
    expect(result.divergence).toMatchObject({
      frame: BYE_EXTERNAL,
      reason: 'overdue',
      at: { line: lineOf(source, 'refer external to customer replacing') },
      sourceLine: 'entry { refer external to customer replacing }',
    });
    expect(result.divergence?.expected).toMatch(/^REFER on external .*Replaces=/);
    expect(result.divergence?.actual).toMatch(/^BYE sip:\+15557654321@127\.0\.0\.30.* on external/);
  });

  it('the 202 that answers it is reported with its frame: the flow side never sent that REFER', () => {
    const result = simulate(machine, dropFrames(happy, [REFER]));
    expect(result.problems).toContainEqual(
      expect.objectContaining({ frame: REFER_ACCEPTED, source: 'replay', reason: expect.stringContaining('202 REFER answers a REFER') }),
    );
  });

  it('at the end of a trace cut after the Transfer command: the REFER is missing', () => {
    const cut: TraceRead = { ...happy, items: happy.items.filter((i) => i.frame < REFER) };
    const result = simulate(machine, withDesktopLog(cut));
    // The last item of the merged trace is the logged Transfer.
    expect(result.divergence).toMatchObject({
      trace: 'desktop.jsonl',
      frame: 2,
      reason: 'missing',
      actual: 'the trace ends without it',
      at: { line: lineOf(source, 'refer external to customer replacing') },
      configuration: ['Transferring'],
    });
  });
});

describe('a REFER whose Refer-To names another dialog', () => {
  const otherCallId = (text: string): string => text.replace(/Replaces=[^%;>]+/, 'Replaces=0000dead0000beef');

  it('diverges at the REFER, after assuming the Transfer it would need', () => {
    const result = simulate(machine, replaceFrame(happy, REFER, otherCallId), { flowSource: source });
    expect(result.divergence).toMatchObject({
      frame: REFER,
      reason: 'mismatch',
      assumed: 'Transfer',
      at: { line: lineOf(source, 'refer external to customer replacing') },
      configuration: ['Transferring'],
    });
    expect(result.divergence?.detail).toContain('0000dead0000beef');
    const takeover = sipAt(happy, 11).message.callId;
    expect(result.divergence?.expected).toContain(`Replaces=${takeover}`);
    expect(result.divergence?.actual).toContain('Replaces=0000dead0000beef');
  });

  it('diverges when the tags are not the dialog\'s, but not when they are swapped', () => {
    const referText = messageText(sipAt(happy, REFER));
    const toTag = /to-tag%3D([^%;>]+)/i.exec(referText)?.[1] ?? '';
    const fromTag = /from-tag%3D([^%;>&]+)/i.exec(referText)?.[1] ?? '';
    expect(toTag).not.toBe('');
    const swapped = replaceFrame(happy, REFER, (t) => t.replace(`to-tag%3D${toTag}`, 'to-tag%3DFROM').replace(`from-tag%3D${fromTag}`, `from-tag%3D${toTag}`).replace('to-tag%3DFROM', `to-tag%3D${fromTag}`));
    expect(simulate(machine, swapped).verdict).toBe('pass');
    const wrong = replaceFrame(happy, REFER, (t) => t.replace(`to-tag%3D${toTag}`, 'to-tag%3Dnot-the-tag'));
    expect(simulate(machine, wrong).divergence).toMatchObject({ frame: REFER, reason: 'mismatch', detail: expect.stringContaining('not-the-tag') });
  });
});

describe('the takeover INVITE', () => {
  it('diverges when its Replaces names another Call-ID', () => {
    const result = simulate(machine, replaceFrame(happy, 11, (t) => t.replace(/^Replaces: [^;]+/m, 'Replaces: someone-else@10.0.0.1')));
    expect(result.divergence).toMatchObject({
      frame: 11,
      reason: 'mismatch',
      at: { line: lineOf(source, 'takeover customer') },
      configuration: ['Anchoring'],
    });
    expect(result.divergence?.detail).toContain('someone-else@10.0.0.1');
  });
});

describe('hold swapped to sendrecv', () => {
  it('diverges at the re-INVITE, blamed on `hold customer`', () => {
    const result = simulate(machine, replaceFrame(happy, HOLD, (t) => t.replace('a=sendonly', 'a=sendrecv')), { flowSource: source });
    expect(result.divergence).toMatchObject({
      frame: HOLD,
      reason: 'mismatch',
      assumed: 'Consult',
      at: { line: lineOf(source, 'hold customer music mohPrompt') },
      configuration: ['Consulting'],
    });
    expect(result.divergence?.at?.column).toBe(lineText(source, 'hold customer music').indexOf('hold customer') + 1);
    expect(result.divergence?.detail).toContain('a=sendrecv');
  });

  it('passes when the hold is c=0.0.0.0 (RFC 2543) instead of a=sendonly', () => {
    const zeroed = replaceFrame(happy, HOLD, (t) => t.replace('a=sendonly', 'a=sendrecv').replace(/^c=IN IP4 [\d.]+$/m, (c) => 'c=IN IP4 0.0.0.0'.padEnd(c.length, ' ').slice(0, c.length)));
    expect(simulate(machine, zeroed).verdict).toBe('pass');
  });
});

function lineText(text: string, containing: string): string {
  return text.split('\n').find((l) => l.includes(containing)) ?? '';
}

describe('the flow side hanging up too early', () => {
  it('a BYE to the customer in the consult is unexpected: Consult waits for Transfer or a hangup', () => {
    const bye = byeOn(sipAt(happy, HOLD), sipAt(happy, 13), 1000);
    const result = simulate(machine, insertAfter(happy, 24, bye), { flowSource: source });
    expect(result.divergence).toMatchObject({
      frame: 1000,
      reason: 'unexpected',
      at: { line: lineOf(source, 'state Consult {') },
      configuration: ['Consult'],
    });
    expect(result.divergence?.expected).toContain('Transfer');
    expect(result.divergence?.actual).toMatch(/^BYE .* on customer/);
    expect(result.assumed.map((a) => a.event)).toEqual(['Consult']);
  });

  it('a BYE to the customer before the consult call is placed: the INVITE to the external party was due first', () => {
    const bye = byeOn(sipAt(happy, HOLD), sipAt(happy, 13), 1000);
    const result = simulate(machine, insertAfter(happy, 19, bye), { flowSource: source });
    expect(result.divergence).toMatchObject({
      frame: 1000,
      reason: 'unexpected',
      at: { line: lineOf(source, 'dial external to externalUri') },
      configuration: ['Consulting'],
    });
    expect(result.divergence?.expected).toMatch(/^INVITE <externalUri> for external/);
  });

  it('a BYE to the external party before the NOTIFY is unexpected: Transferring waits for it', () => {
    const result = simulate(machine, moveAfter(happy, BYE_EXTERNAL, REFER_ACCEPTED), { flowSource: source });
    expect(result.divergence).toMatchObject({
      frame: BYE_EXTERNAL,
      reason: 'unexpected',
      at: { line: lineOf(source, 'state Transferring {') },
      configuration: ['Transferring'],
    });
    expect(result.divergence?.expected).toContain('external.notify');
    // Nothing after it is compared: the NOTIFY that would have ended the flow is not delivered.
    const notify = result.steps.find((s) => s.kind === 'sip' && s.frame === NOTIFY);
    expect(notify).toMatchObject({ outcome: { kind: 'notCompared' } });
  });
});

/** A BYE from the flow side in the dialog of `request` (an in-dialog request from the flow side), with the peer's tag from `answer`. */
function byeOn(request: SipTraceItem, answer: SipTraceItem, frame: number): SipTraceItem {
  const m = request.message;
  const uri = m.kind === 'request' ? m.requestUri : '';
  const text = [
    `BYE ${uri} SIP/2.0`,
    `Via: SIP/2.0/UDP 127.0.0.10:5060;branch=z9hG4bK-early-bye`,
    `From: <sip:mpp@127.0.0.10>;tag=${m.from.tag ?? ''}`,
    `To: <${uri}>;tag=${answer.message.to.tag ?? ''}`,
    `Call-ID: ${m.callId}`,
    `CSeq: ${m.cseq.seq + 10} BYE`,
    'Max-Forwards: 70',
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
  return rewritten({ ...request, frame, time: request.time + 1 }, () => text);
}

describe('a garbage packet in the capture', () => {
  /** The happy pcap with one more packet after frame `after`: UDP to the flow side's SIP port whose payload is broken SIP. */
  function withGarbage(after: number): Buffer {
    const pcap = readFileSync(join(TRACES, 'external-transfer-happy.pcap'));
    expect(pcap.readUInt32LE(0)).toBe(0xa1b2c3d4);
    let at = 24;
    let previous = at;
    for (let frame = 1; frame <= after; frame++) {
      previous = at;
      at += 16 + pcap.readUInt32LE(at + 8);
    }
    const data = ethernet(ipv4('127.0.0.30', '127.0.0.10', 17, udp(5060, 5060, 'INVITE sip:+1555@127.0.0.10 SIP/2.0\r\nVia: \r\nCSeq: x\r\n\r\n')), ETHERTYPE_IPV4);
    // The timestamp of the frame before it; the lengths of the new data.
    const record = Buffer.from(pcap.subarray(previous, previous + 16));
    record.writeUInt32LE(data.length, 8);
    record.writeUInt32LE(data.length, 12);
    return Buffer.concat([pcap.subarray(0, at), record, data, pcap.subarray(at)]);
  }

  it('is reported with its frame number and the replay goes on to pass', () => {
    const trace = readTrace(withGarbage(6), 'garbage.pcap');
    const result = simulate(machine, trace);
    expect(result.problems).toEqual([expect.objectContaining({ frame: 7, source: 'trace', severity: 'error' })]);
    expect(result.steps.find((s) => s.kind === 'problem')).toMatchObject({ frame: 7, outcome: { kind: 'problem', severity: 'error' } });
    expect(result.divergence).toBeUndefined();
    expect(result.assumed.map((a) => [a.event, a.frame])).toEqual([
      ['Consult', HOLD + 1],
      ['Transfer', REFER + 1],
    ]);
  });
});

describe('a text-format trace', () => {
  /** Line of the start line of the n-th message (1-based) in a log written by asTextLog: the frame the reader gives it. */
  function startLineOf(text: string, n: number): number {
    const lines = text.split('\n');
    let seen = 0;
    for (let i = 0; i < lines.length; i++) if (lines[i]?.startsWith('--> ') === true && ++seen === n) return i + 2;
    throw new Error(`no message ${n}`);
  }

  it('replays like the capture it was written from', () => {
    const result = simulate(machine, readTrace(Buffer.from(asTextLog(happy)), 'happy.txt'), { input: CAPTURE_INPUT });
    expect(result.divergence).toBeUndefined();
    expect(result.assumed.map((a) => a.event)).toEqual(['Consult', 'Transfer']);
  });

  it('with the hold written as sendrecv, diverges at the line of that message, blamed on `hold customer`', () => {
    const text = asTextLog(happy).replace('a=sendonly', 'a=sendrecv');
    const result = simulate(machine, readTrace(Buffer.from(text), 'happy.txt'), { input: CAPTURE_INPUT });
    expect(result.divergence).toMatchObject({
      trace: 'happy.txt',
      frame: startLineOf(text, HOLD),
      reason: 'mismatch',
      at: { line: lineOf(source, 'hold customer music mohPrompt') },
    });
  });
});
