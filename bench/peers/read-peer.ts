/**
 * The reading half of the replay peer, for the breakdown row: pcap-parser,
 * packet decoding and drachtio's parser, reading the headers simulate's
 * parser validates on every message (Call-ID, CSeq, From, To, Via).
 */
import { Readable } from 'node:stream';
import { DrachtioMessage, pcapParser, type PcapPacketEvent } from './commonjs-peers.js';
import { udpPayloadOf } from './udp-payload.js';

/** Results go here so no engine can prove the parsing dead. */
let sink: unknown;

export async function readPeer(pcap: Buffer): Promise<number> {
  let messages = 0;
  const onPacket = (packet: PcapPacketEvent): void => {
    const udp = udpPayloadOf(packet.data);
    if (udp === undefined) return;
    try {
      const msg = new DrachtioMessage(udp.payload.toString('utf8'));
      sink = [msg.get('call-id'), msg.getParsedHeader('cseq'), msg.getParsedHeader('from'), msg.getParsedHeader('to'), msg.getParsedHeader('via')];
      messages++;
    } catch {
      // Not SIP, or SIP drachtio cannot read: not counted.
    }
  };
  await new Promise<void>((resolve, reject) => {
    pcapParser.parse(Readable.from([pcap])).on('packet', onPacket).on('end', resolve).on('error', reject);
  });
  sink = undefined;
  return messages;
}
