import { describe, expect, it } from 'vitest';
import { LinkType, readTrace, type TraceRead } from '../../../runtime/trace/index.js';
import { pcapFile } from './capture-writer.js';
import { ETHERTYPE_IPV4, ethernet, ipv4, tcp, TcpFlag } from './packet-builder.js';
import { SDP, sipRequest, sipResponse } from './sip-text.js';
import { label, problems, sipItems } from './trace-items.js';

const ISN = 0xfffffff0; // close to the wrap, so sequence arithmetic must be modulo 2^32
const invite = sipRequest({ method: 'INVITE', callId: 'tcp-1', via: 'TCP', body: SDP });
const ringing = sipResponse({ status: 180, reason: 'Ringing', callId: 'tcp-1' });
const ok = sipResponse({ status: 200, callId: 'tcp-1', body: SDP });
const stream = Buffer.from(invite + ringing + ok);

interface Segment {
  readonly seq: number;
  readonly flags?: number;
  readonly data?: Buffer | string;
  readonly wire?: number;
}

/** A capture of segments from 10.0.0.1:40000 to 10.0.0.2:5060; `seq` is relative to the first data byte. */
function capture(segments: readonly Segment[], port = 5060): TraceRead {
  const packets = segments.map((s, i) => {
    const flags = s.flags ?? TcpFlag.ACK | TcpFlag.PSH;
    const seq = (ISN + s.seq + ((flags & TcpFlag.SYN) !== 0 ? 0 : 1)) >>> 0;
    const frame = ethernet(ipv4('10.0.0.1', '10.0.0.2', 6, tcp(40000, port, seq, flags, s.data ?? '')), ETHERTYPE_IPV4);
    return { time: 1000 + i, data: s.wire === undefined ? frame : frame.subarray(0, frame.length - s.wire), originalLength: frame.length };
  });
  return readTrace(pcapFile(packets, { linkType: LinkType.ETHERNET }), 'tcp.pcap');
}

const slice = (from: number, to?: number): Buffer => stream.subarray(from, to);

describe('SIP over TCP', () => {
  it('reads several messages in one segment, framed by Content-Length', () => {
    const read = capture([{ seq: 0, flags: TcpFlag.SYN }, { seq: 0, data: stream }]);
    expect(problems(read)).toEqual([]);
    const sip = sipItems(read);
    expect(sip.map(label)).toEqual(['INVITE', '180 INVITE', '200 INVITE']);
    expect(sip.every((s) => s.transport === 'tcp' && s.frame === 2)).toBe(true);
    expect(sip[0]?.message.body.length).toBe(SDP.length);
  });

  it('reads one message over several segments, stamped with the segment that completed it', () => {
    const cuts = [0, 10, 200, invite.length - 3, invite.length + 5, stream.length];
    const segments = cuts.slice(0, -1).map((from, i) => ({ seq: from, data: slice(from, cuts[i + 1]) }));
    const sip = sipItems(capture([{ seq: 0, flags: TcpFlag.SYN }, ...segments]));
    expect(sip.map((s) => [label(s), s.frame])).toEqual([
      ['INVITE', 5],
      ['180 INVITE', 6],
      ['200 INVITE', 6],
    ]);
  });

  it('puts out-of-order segments back in order and drops retransmitted and overlapping bytes', () => {
    const read = capture([
      { seq: 0, flags: TcpFlag.SYN },
      { seq: 300, data: slice(300, 700) },
      { seq: 0, data: slice(0, 200) },
      { seq: 0, data: slice(0, 200) },
      { seq: 150, data: slice(150, 400) },
      { seq: 700, data: slice(700) },
      { seq: 650, data: slice(650, 800) },
    ]);
    expect(problems(read)).toEqual([]);
    expect(sipItems(read).map(label)).toEqual(['INVITE', '180 INVITE', '200 INVITE']);
  });

  it('joins a stream whose start was not captured at the next start line', () => {
    const read = capture([{ seq: 100, data: slice(100) }]);
    expect(sipItems(read).map(label)).toEqual(['180 INVITE', '200 INVITE']);
    expect(problems(read).map((p) => p.severity)).toEqual(['warning']);
  });

  it('reports bytes missing from the capture, drops the partial message and resynchronises', () => {
    const read = capture([
      { seq: 0, flags: TcpFlag.SYN },
      { seq: 0, data: slice(0, 100) },
      { seq: 200, data: slice(200) },
      { seq: stream.length, flags: TcpFlag.FIN | TcpFlag.ACK },
    ]);
    expect(sipItems(read).map(label)).toEqual(['180 INVITE', '200 INVITE']);
    expect(problems(read).map((p) => p.reason)).toEqual([
      '10.0.0.1:40000 -> 10.0.0.2:5060: 100 bytes of the TCP stream are missing from the capture; dropped a partial SIP message of 100 bytes',
    ]);
  });

  it('treats bytes cut by the snap length as missing', () => {
    const read = capture([{ seq: 0, flags: TcpFlag.SYN }, { seq: 0, data: slice(0, invite.length), wire: 50 }, { seq: invite.length, data: slice(invite.length) }]);
    expect(sipItems(read).map(label)).toEqual(['180 INVITE', '200 INVITE']);
    expect(problems(read).map((p) => p.reason)).toEqual([expect.stringMatching(/50 bytes of the TCP stream are missing/)]);
  });

  it('reports a stream that ends inside a message', () => {
    const read = capture([{ seq: 0, flags: TcpFlag.SYN }, { seq: 0, data: slice(0, invite.length + 20) }]);
    expect(sipItems(read).map(label)).toEqual(['INVITE']);
    expect(problems(read).map((p) => p.reason)).toEqual(['10.0.0.1:40000 -> 10.0.0.2:5060: TCP stream ended inside a SIP message (20 bytes unread)']);
  });

  it('reports a message that does not parse and reads on', () => {
    const broken = invite.replace('CSeq: 1 INVITE', 'CSeq: 1 BYE');
    const read = capture([{ seq: 0, flags: TcpFlag.SYN }, { seq: 0, data: broken + ringing }]);
    expect(sipItems(read).map(label)).toEqual(['180 INVITE']);
    expect(problems(read).map((p) => p.reason)).toEqual([expect.stringMatching(/SIP message does not parse: CSeq method `BYE` does not match/)]);
  });

  it('ignores TCP streams that are not SIP on ports that are not SIP ports', () => {
    const read = capture([{ seq: 0, flags: TcpFlag.SYN }, { seq: 0, data: 'GET / HTTP/1.1\r\nHost: x\r\n\r\n' }], 8080);
    expect(read.items).toEqual([]);
  });

  it('a new connection on the same ports starts a new stream', () => {
    const read = capture([
      { seq: 0, flags: TcpFlag.SYN },
      { seq: 0, data: invite },
      { seq: 5000, flags: TcpFlag.SYN },
      { seq: 5000, data: ringing },
    ]);
    expect(sipItems(read).map(label)).toEqual(['INVITE', '180 INVITE']);
    expect(problems(read)).toEqual([]);
  });
});
