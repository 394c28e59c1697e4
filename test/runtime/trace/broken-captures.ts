import { LinkType } from '../../../runtime/trace/index.js';
import { pcapFile, pcapngFile } from './capture-writer.js';
import { ETHERTYPE_IPV4, ethernet, ipv4, udp } from './packet-builder.js';
import { sipRequest } from './sip-text.js';

/**
 * How each file of test/fixtures/broken/ is made. The files are committed
 * so other tools can open them; the test checks they still match this.
 */
const T0 = Date.UTC(2024, 0, 1, 10, 0, 0);
const sipFrame = (text: string): Buffer => ethernet(ipv4('10.0.0.1', '10.0.0.2', 17, udp(5060, 5060, text)), ETHERTYPE_IPV4);
const good = sipFrame(sipRequest({ method: 'OPTIONS', callId: 'good' }));
const twoPackets = pcapFile(
  [
    { time: T0, data: good },
    { time: T0 + 10, data: sipFrame(sipRequest({ method: 'INVITE', callId: 'cut' })) },
  ],
  { linkType: LinkType.ETHERNET },
);

export const BROKEN_CAPTURES: Readonly<Record<string, () => Buffer>> = {
  'truncated-header.pcap': () => pcapFile([], { linkType: LinkType.ETHERNET }).subarray(0, 14),
  'truncated-packet.pcap': () => twoPackets.subarray(0, twoPackets.length - 100),
  'unknown-link-type.pcap': () =>
    pcapFile(
      [
        { time: T0, data: good },
        { time: T0 + 1, data: good },
      ],
      { linkType: 147 },
    ),
  'garbage-udp-5060.pcap': () =>
    pcapFile(
      [
        { time: T0, data: ethernet(ipv4('10.0.0.1', '10.0.0.2', 17, udp(5060, 5060, Buffer.from('8f1c0000deadbeef00ff7a7a', 'hex'))), ETHERTYPE_IPV4) },
        { time: T0 + 1, data: good },
      ],
      { linkType: LinkType.ETHERNET },
    ),
  'unparseable-sip.pcap': () =>
    pcapFile(
      [
        { time: T0, data: sipFrame(sipRequest({ method: 'INVITE', callId: 'bad' }).replace('CSeq: 1 INVITE', 'CSeq: one INVITE')) },
        { time: T0 + 1, data: good },
      ],
      { linkType: LinkType.ETHERNET },
    ),
  'truncated-block.pcapng': () => {
    const file = pcapngFile([
      {
        interfaces: [{ linkType: LinkType.ETHERNET }],
        packets: [
          { kind: 'enhanced', iface: 0, time: T0, data: good },
          { kind: 'enhanced', iface: 0, time: T0 + 1, data: good },
        ],
      },
    ]);
    return file.subarray(0, file.length - 64);
  },
};
