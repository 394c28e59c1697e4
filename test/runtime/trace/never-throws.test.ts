import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSipMessage, referToOf, replacesOf, sdpOf, sipfragOf } from '../../../runtime/sip/index.js';
import { LinkType, readTrace } from '../../../runtime/trace/index.js';
import { pcapFile, pcapngFile } from './capture-writer.js';
import { ETHERTYPE_IPV4, ethernet, ipv4, tcp, TcpFlag, udp } from './packet-builder.js';
import { SDP, sipRequest } from './sip-text.js';

/** Reading user input must never throw: every input below is mangled at random. */
const RUNS = { numRuns: 300 };
const invite = Buffer.from(sipRequest({ method: 'INVITE', callId: 'fuzz', body: SDP, extra: ['Refer-To: <sip:a@b?Replaces=x%40y%3Bto-tag%3D1%3Bfrom-tag%3D2>'] }));
const frame = ethernet(ipv4('10.0.0.1', '10.0.0.2', 17, udp(5060, 5060, invite)), ETHERTYPE_IPV4);
const tcpFrame = ethernet(ipv4('10.0.0.1', '10.0.0.2', 6, tcp(40000, 5060, 1, TcpFlag.ACK, invite)), ETHERTYPE_IPV4);
const pcap = pcapFile([{ time: 0, data: frame }, { time: 1, data: tcpFrame }, { time: 2, data: frame }], { linkType: LinkType.ETHERNET });
const pcapng = pcapngFile([{ interfaces: [{ linkType: LinkType.ETHERNET }], packets: [{ kind: 'enhanced', iface: 0, time: 0, data: frame }, { kind: 'simple', data: tcpFrame }] }]);

/** Overwrites a few bytes and maybe cuts the end. */
const mangled = (original: Buffer) =>
  fc
    .tuple(fc.array(fc.tuple(fc.nat(original.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }), fc.nat(original.length))
    .map(([edits, cut]) => {
      const copy = Buffer.from(original);
      for (const [at, value] of edits) copy[at] = value;
      return copy.subarray(0, Math.max(1, cut));
    });

describe('never throws on user input', () => {
  it('parseSipMessage and the readers of a message, on mangled messages and random bytes', () => {
    fc.assert(
      fc.property(fc.oneof(mangled(invite), fc.uint8Array({ maxLength: 600 })), (bytes) => {
        const result = parseSipMessage(bytes);
        if (result.ok) {
          referToOf(result.message);
          replacesOf(result.message);
          sdpOf(result.message);
          sipfragOf(result.message);
        }
        expect(typeof result.ok).toBe('boolean');
      }),
      RUNS,
    );
  });

  it('readTrace on mangled pcap and pcapng files', () => {
    fc.assert(
      fc.property(fc.oneof(mangled(pcap), mangled(pcapng)), (bytes) => {
        expect(Array.isArray(readTrace(bytes, 'fuzz').items)).toBe(true);
      }),
      RUNS,
    );
  });

  it('readTrace on random text and JSON lines', () => {
    const line = fc.oneof(fc.string(), fc.constantFrom('>> 10.0.0.1:5060 -> 10.0.0.2:5060 @ 1', 'INVITE sip:a@b SIP/2.0', 'Content-Length: 5', '{"time": 1, "event": "X"}', ''));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), (lines) => {
        expect(Array.isArray(readTrace(Buffer.from(lines.join('\n')), 'fuzz').items)).toBe(true);
      }),
      RUNS,
    );
  });
});
