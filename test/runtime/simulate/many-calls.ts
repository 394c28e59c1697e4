/**
 * A synthetic capture of many external-transfer calls for the throughput
 * test: the happy capture's 32 messages per call, with every Call-ID, tag
 * and Via branch made unique per call (Replaces and Refer-To included, so
 * each call's takeover and transfer name its own dialogs), calls starting
 * `spacingMs` apart and overlapping as real traffic does.
 */
import { LinkType, type TraceRead } from '../../../runtime/trace/index.js';
import { pcapFile, type PcapPacket } from '../trace/capture-writer.js';
import { ETHERTYPE_IPV4, ethernet, ipv4, udp } from '../trace/packet-builder.js';
import { messageText } from './trace-edits.js';

export function manyCallsPcap(happy: TraceRead, calls: number, spacingMs: number): { pcap: Buffer; messages: number } {
  const template = happy.items.flatMap((item) => (item.kind === 'sip' ? [item] : []));
  const t0 = template[0]?.time ?? 0;
  const hexIds = [...new Set(template.map((i) => i.message.callId.split('@')[0] ?? ''))];
  const texts = template.map((i) => messageText(i));
  const packets: PcapPacket[] = [];
  for (let c = 0; c < calls; c++) {
    const base = Date.UTC(2024, 0, 1) + c * spacingMs;
    for (let m = 0; m < template.length; m++) {
      const item = template[m];
      let text = texts[m] ?? '';
      if (item === undefined) continue;
      for (const hex of hexIds) text = text.replaceAll(hex, `${hex}c${c}`);
      text = text.replace(/(\d+SIPpTag\d+)/g, `$1c${c}`).replace(/branch=([^;\r\n]+)/g, `branch=$1c${c}`);
      const data = ethernet(ipv4(item.src.ip, item.dst.ip, 17, udp(item.src.port, item.dst.port, text)), ETHERTYPE_IPV4);
      packets.push({ time: base + (item.time - t0), data });
    }
  }
  // Stable: messages of one call at the same instant keep their order.
  packets.sort((a, b) => a.time - b.time);
  return { pcap: pcapFile(packets, { linkType: LinkType.ETHERNET }), messages: packets.length };
}
