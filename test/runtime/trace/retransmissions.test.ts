import { describe, expect, it } from 'vitest';
import { LinkType, readTrace } from '../../../runtime/trace/index.js';
import { pcapFile } from './capture-writer.js';
import { ipv4, udp } from './packet-builder.js';
import { sipRequest, sipResponse } from './sip-text.js';
import { sipItems } from './trace-items.js';

const a = '10.0.0.1';
const b = '10.0.0.2';
const from = (src: string, dst: string, text: string) => ({ src, dst, text });

function retransmissionFlags(messages: readonly { src: string; dst: string; text: string }[], spacingMs = 500): boolean[] {
  const frames = messages.map((m, i) => ({ time: i * spacingMs, data: ipv4(m.src, m.dst, 17, udp(5060, 5060, m.text)) }));
  return sipItems(readTrace(pcapFile(frames, { linkType: LinkType.RAW }), 'r.pcap')).map((s) => s.retransmission);
}

describe('retransmissions', () => {
  it('recognises requests by branch, CSeq and method, per direction', () => {
    const invite = sipRequest({ method: 'INVITE', callId: 'r1', branch: 'z9hG4bK-1' });
    const inviteAgain = sipRequest({ method: 'INVITE', callId: 'r1', branch: 'z9hG4bK-1', extra: ['User-Agent: changed'] });
    const cancel = sipRequest({ method: 'CANCEL', callId: 'r1', branch: 'z9hG4bK-1' });
    expect(retransmissionFlags([from(a, b, invite), from(a, b, inviteAgain), from(b, a, invite), from(a, b, cancel)])).toEqual([false, true, false, false]);
  });

  it('recognises responses by status, CSeq, branch and To tag; forked answers are not retransmissions', () => {
    const ok = sipResponse({ status: 200, callId: 'r2', toTag: 'x' });
    const forked = sipResponse({ status: 200, callId: 'r2', toTag: 'y' });
    const ringing = sipResponse({ status: 180, reason: 'Ringing', callId: 'r2', toTag: 'x' });
    expect(retransmissionFlags([from(b, a, ringing), from(b, a, ok), from(b, a, ok), from(b, a, forked), from(b, a, ringing)])).toEqual([
      false,
      false,
      true,
      false,
      true,
    ]);
  });

  it('without a usable branch, compares the bytes', () => {
    const old = sipRequest({ method: 'INVITE', callId: 'r3', branch: 'z9hG4bK' });
    const other = sipRequest({ method: 'INVITE', callId: 'r3', branch: 'z9hG4bK', cseq: 2 });
    expect(retransmissionFlags([from(a, b, old), from(a, b, old), from(a, b, other)])).toEqual([false, true, false]);
  });

  it('forgets messages after two 32-second windows', () => {
    const options = sipRequest({ method: 'OPTIONS', callId: 'r4' });
    expect(retransmissionFlags([from(a, b, options), from(a, b, options), from(a, b, options)], 40_000)).toEqual([false, true, true]);
    expect(retransmissionFlags([from(a, b, options), from(a, b, options)], 70_000)).toEqual([false, false]);
  });
});
