import { describe, expect, it } from 'vitest';
import { parseSipMessage } from '../../../runtime/sip/index.js';
import { parseAddress, resolveFlowSide } from '../../../runtime/simulate/flow-side.js';
import type { Endpoint, SipTraceItem } from '../../../runtime/trace/index.js';

describe('parseAddress', () => {
  it.each([
    ['127.0.0.10', { ip: '127.0.0.10', port: undefined }],
    ['127.0.0.10:5060', { ip: '127.0.0.10', port: 5060 }],
    ['fd00::10', { ip: 'fd00::10', port: undefined }],
    ['[fd00::10]:5060', { ip: 'fd00::10', port: 5060 }],
    ['[FD00:0:0::10]', { ip: 'fd00::10', port: undefined }],
  ])('reads %s', (text, expected) => {
    expect(parseAddress(text)).toEqual(expected);
  });

  it.each(['mpp.example.com', '127.0.0.10:99999', '[fd00::10', '[fd00::10]x', ''])('refuses %s', (text) => {
    expect(parseAddress(text)).toBeUndefined();
  });
});

const endpoints = new Map<string, Endpoint>();
function at(ip: string, port = 5060): Endpoint {
  const key = `${ip}:${port}`;
  let e = endpoints.get(key);
  if (e === undefined) {
    e = { ip, port };
    endpoints.set(key, e);
  }
  return e;
}

let frame = 0;
function invite(src: Endpoint, dst: Endpoint, callId: string): SipTraceItem {
  const text = [
    `INVITE sip:x@${dst.ip} SIP/2.0`,
    `Via: SIP/2.0/UDP ${src.ip}:${src.port};branch=z9hG4bK-${callId}`,
    'From: <sip:a@example.com>;tag=1',
    'To: <sip:x@example.com>',
    `Call-ID: ${callId}`,
    'CSeq: 1 INVITE',
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
  const parsed = parseSipMessage(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  frame++;
  return { kind: 'sip', trace: 't', frame, time: frame, src, dst, transport: 'udp', message: parsed.message, retransmission: false };
}

describe('resolveFlowSide', () => {
  it('infers the address in most dialogs, preferring the first INVITE\'s sender for a flow that dials first', () => {
    const items = [invite(at('10.0.0.1'), at('10.0.0.2'), 'a'), invite(at('10.0.0.1'), at('10.0.0.3'), 'b'), invite(at('10.0.0.3'), at('10.0.0.1'), 'c')];
    const side = resolveFlowSide(items, undefined, true);
    expect(side.side).toEqual({ addresses: ['10.0.0.1'], inferred: true, reason: '10.0.0.1 sends the first INVITE (frame 1) and speaks in 3 of 3 dialogs' });
    expect(side.matcher.has(at('10.0.0.1', 40000))).toBe(true);
    expect(side.matcher.has(at('10.0.0.3'))).toBe(false);
  });

  it('prefers the receiver of the first INVITE for a flow offered calls, when the counts tie', () => {
    const items = [invite(at('10.0.0.9'), at('10.0.0.1'), 'a')];
    expect(resolveFlowSide(items, undefined, false).side.addresses).toEqual(['10.0.0.1']);
    expect(resolveFlowSide(items, undefined, true).side.addresses).toEqual(['10.0.0.9']);
  });

  it('tells parties on one IP apart by port', () => {
    const items = [invite(at('127.0.0.1', 5070), at('127.0.0.1', 5080), 'a'), invite(at('127.0.0.1', 5070), at('127.0.0.1', 5090), 'b')];
    const side = resolveFlowSide(items, undefined, true);
    expect(side.side.addresses).toEqual(['127.0.0.1:5070']);
    expect(side.matcher.has(at('127.0.0.1', 5080))).toBe(false);
  });

  it('takes given addresses as they are, reports those that cannot be read, and words the problem of addresses no message uses', () => {
    const items = [invite(at('10.0.0.1'), at('10.0.0.2'), 'a')];
    const side = resolveFlowSide(items, ['10.0.0.7', 'not an address', { ip: '10.0.0.2', port: 5060 }], true);
    expect(side.side).toEqual({ addresses: ['10.0.0.7', '10.0.0.2:5060'], inferred: false, reason: 'given' });
    expect(side.problems).toEqual(['`not an address` is not an IP address or IP:port']);
    // Whether any message uses them is known only once the replay has seen them all (simulate reports it then).
    expect(side.unused).toBe('no SIP message in the trace is from or to 10.0.0.7, 10.0.0.2:5060');
    expect(resolveFlowSide(items, ['not an address'], true).unused).toBeUndefined();
  });

  it('reads no item when the addresses are given', () => {
    const never: Iterable<SipTraceItem> = {
      [Symbol.iterator]() {
        throw new Error('the trace was read');
      },
    };
    expect(resolveFlowSide(never, ['10.0.0.7'], true).side.addresses).toEqual(['10.0.0.7']);
  });

  it('says so when the trace has no SIP at all', () => {
    expect(resolveFlowSide([], undefined, true).side).toEqual({ addresses: [], inferred: true, reason: 'the trace has no SIP messages' });
  });
});
