import { describe, expect, it } from 'vitest';
import { LinkType, readTrace } from '../../../runtime/trace/index.js';
import { pcapFile } from './capture-writer.js';
import { ipv4, udp } from './packet-builder.js';
import { sipRequest } from './sip-text.js';
import { problems, sipItems } from './trace-items.js';

const datagram = (payload: Uint8Array | string, srcPort = 5060, dstPort = 5060): Buffer => ipv4('10.0.0.1', '10.0.0.2', 17, udp(srcPort, dstPort, payload));
const read = (frames: readonly { data: Buffer; originalLength?: number }[]) =>
  readTrace(pcapFile(frames.map((f, i) => ({ time: i, ...f })), { linkType: LinkType.RAW }), 'udp.pcap');

describe('SIP over UDP', () => {
  it('reports a non-SIP payload on a SIP port as a warning and stays silent elsewhere', () => {
    const rtp = Buffer.from([0x80, 0x00, 0x12, 0x34, 0, 0, 0, 1, 0, 0, 0, 2, 0xff, 0xfe]);
    const r = read([{ data: datagram(rtp, 5060, 5060) }, { data: datagram(rtp, 20000, 20002) }, { data: datagram('hello there\r\n', 33000, 5061) }]);
    expect(problems(r).map((p) => [p.frame, p.severity, p.reason])).toEqual([
      [1, 'warning', 'non-SIP UDP payload (14 bytes) on SIP port 5060 skipped'],
      [3, 'warning', 'non-SIP UDP payload (13 bytes) on SIP port 5061 skipped'],
    ]);
  });

  it('learns SIP ports from the SIP it reads', () => {
    const r = read([{ data: datagram(sipRequest({ method: 'OPTIONS', callId: 'p' }), 5080, 5090) }, { data: datagram('garbage!', 5090, 5080) }]);
    expect(problems(r).map((p) => p.reason)).toEqual(['non-SIP UDP payload (8 bytes) on SIP port 5080 skipped']);
  });

  it('ignores keep-alives: CRLF, NUL, STUN', () => {
    const stun = Buffer.alloc(20);
    stun.writeUInt16BE(0x0001, 0);
    stun.writeUInt32BE(0x2112a442, 4);
    const r = read([{ data: datagram('\r\n\r\n') }, { data: datagram(Buffer.from([0])) }, { data: datagram(stun) }]);
    expect(r.items).toEqual([]);
  });

  it('reports SIP that does not parse with the reason, and reads on', () => {
    const bad = sipRequest({ method: 'INVITE', callId: 'bad' }).replace(/Call-ID:[^\r]*\r\n/, '');
    const r = read([{ data: datagram(bad) }, { data: datagram(sipRequest({ method: 'BYE', callId: 'good' })) }]);
    expect(problems(r)).toEqual([
      expect.objectContaining({ frame: 1, severity: 'error', reason: 'SIP message does not parse: missing required header Call-ID' }),
    ]);
    expect(sipItems(r).map((s) => s.message.callId)).toEqual(['good']);
  });

  it('reports a SIP datagram cut by the snap length', () => {
    const whole = datagram(sipRequest({ method: 'INVITE', callId: 'cut' }));
    const r = read([{ data: whole.subarray(0, 120), originalLength: whole.length }]);
    expect(problems(r).map((p) => p.reason)).toEqual([expect.stringMatching(/^SIP datagram cut by the capture snap length \(92 of \d+ bytes kept\)$/)]);
  });
});
