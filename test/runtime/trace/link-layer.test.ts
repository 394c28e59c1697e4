import { describe, expect, it } from 'vitest';
import { LinkType, readTrace } from '../../../runtime/trace/index.js';
import { pcapFile } from './capture-writer.js';
import { ETHERTYPE_IPV4, ETHERTYPE_IPV6, ethernet, ipv4, ipv6, linuxCooked, linuxCooked2, nullLoopback, openBsdLoop, udp } from './packet-builder.js';
import { sipRequest } from './sip-text.js';
import { problems, sipItems } from './trace-items.js';

const payload = udp(5060, 5080, sipRequest({ method: 'INVITE', callId: 'link' }));
const v4 = ipv4('192.0.2.1', '192.0.2.2', 17, payload);
const v6 = ipv6('fe80::1', 'fe80::2', 17, payload);

const cases: [string, number, Buffer, string][] = [
  ['Ethernet / IPv4', LinkType.ETHERNET, ethernet(v4, ETHERTYPE_IPV4), '192.0.2.1'],
  ['Ethernet / IPv6', LinkType.ETHERNET, ethernet(v6, ETHERTYPE_IPV6), 'fe80::1'],
  ['Ethernet / 802.1Q VLAN', LinkType.ETHERNET, ethernet(v4, ETHERTYPE_IPV4, [100]), '192.0.2.1'],
  ['Ethernet / 802.1ad QinQ', LinkType.ETHERNET, ethernet(v6, ETHERTYPE_IPV6, [10, 20], 0x88a8), 'fe80::1'],
  ['Linux cooked v1', LinkType.LINUX_SLL, linuxCooked(v4, ETHERTYPE_IPV4), '192.0.2.1'],
  ['Linux cooked v2', LinkType.LINUX_SLL2, linuxCooked2(v6, ETHERTYPE_IPV6), 'fe80::1'],
  ['BSD loopback, little-endian host', LinkType.NULL, nullLoopback(v4, 2, true), '192.0.2.1'],
  ['BSD loopback, big-endian host, IPv6 (macOS 30)', LinkType.NULL, nullLoopback(v6, 30, false), 'fe80::1'],
  ['BSD loopback, IPv6 (FreeBSD 28)', LinkType.NULL, nullLoopback(v6, 28, true), 'fe80::1'],
  ['OpenBSD loop', LinkType.LOOP, openBsdLoop(v6, 24), 'fe80::1'],
  ['raw IP (101)', LinkType.RAW, v4, '192.0.2.1'],
  ['raw IP (DLT 12)', LinkType.RAW_DLT12, v6, 'fe80::1'],
  ['raw IP (OpenBSD DLT 14)', LinkType.RAW_DLT14, v4, '192.0.2.1'],
  ['IPv4 (228)', LinkType.IPV4, v4, '192.0.2.1'],
  ['IPv6 (229)', LinkType.IPV6, v6, 'fe80::1'],
];

describe('link layers', () => {
  it.each(cases)('%s', (_name, linkType, frame, src) => {
    const read = readTrace(pcapFile([{ time: 1000, data: frame }], { linkType }), 'link.pcap');
    expect(problems(read)).toEqual([]);
    expect(sipItems(read).map((s) => [s.src.ip, s.src.port, s.dst.port, s.message.callId])).toEqual([[src, 5060, 5080, 'link']]);
  });

  it('reports an unknown link type once and skips its packets', () => {
    const read = readTrace(pcapFile([{ time: 0, data: v4 }, { time: 1, data: v4 }], { linkType: 147 }), 'user.pcap');
    expect(problems(read)).toEqual([
      expect.objectContaining({ frame: 1, severity: 'error', reason: 'unknown link type 147: packets captured on it are skipped' }),
    ]);
    expect(sipItems(read)).toEqual([]);
  });

  it('skips non-IP frames silently and reports frames cut inside their headers', () => {
    const arp = ethernet(Buffer.alloc(28), 0x0806);
    const read = readTrace(pcapFile([{ time: 0, data: arp }, { time: 1, data: Buffer.alloc(9) }, { time: 2, data: Buffer.from([0x70, 0, 0]) }], { linkType: LinkType.ETHERNET }), 'x.pcap');
    expect(problems(read).map((p) => [p.frame, p.severity, p.reason])).toEqual([
      [2, 'warning', 'garbage packet: Ethernet header cut short (9 bytes)'],
      [3, 'warning', 'garbage packet: Ethernet header cut short (3 bytes)'],
    ]);
    const raw = readTrace(pcapFile([{ time: 0, data: Buffer.from([0x70, 0, 0]) }], { linkType: LinkType.RAW }), 'raw.pcap');
    expect(problems(raw).map((p) => p.reason)).toEqual(['garbage packet: raw IP frame with IP version 7']);
  });
});
