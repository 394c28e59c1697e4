/**
 * RFC 4733 (formerly 2833) key presses as pcap files for SIPp's
 * `play_pcap_audio`, so a SIPp phone can send DTMF in its RTP as a real
 * phone does, and FreeSWITCH, not SIP INFO, reports the key. Written here
 * rather than taken from sip-tester's samples: each key gets its own RTP
 * timestamp and sequence numbers (a receiver takes packets with the
 * timestamp of the event before as retransmissions of it), and nothing
 * depends on where a distribution installs its samples.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The payload type the SIPp phone offers for telephone-event (a=rtpmap:101). */
const EVENT_PT = 101;
const EVENT_CODES: Readonly<Record<string, number>> = { '*': 10, '#': 11 };
const SSRC = 0x464c4f57; // "FLOW"

function eventCode(key: string): number {
  const code = EVENT_CODES[key] ?? (/^[0-9]$/.test(key) ? Number(key) : undefined);
  if (code === undefined) throw new Error(`no DTMF event for key \`${key}\``);
  return code;
}

/** One RTP packet of a telephone-event (RFC 4733 §2.3). */
function rtpEvent(code: number, seq: number, timestamp: number, marker: boolean, end: boolean, duration: number): Buffer {
  const packet = Buffer.alloc(16);
  packet[0] = 0x80; // version 2
  packet[1] = (marker ? 0x80 : 0) | EVENT_PT;
  packet.writeUInt16BE(seq & 0xffff, 2);
  packet.writeUInt32BE(timestamp >>> 0, 4);
  packet.writeUInt32BE(SSRC, 8);
  packet[12] = code;
  packet[13] = (end ? 0x80 : 0) | 10; // E bit, volume -10 dBm0
  packet.writeUInt16BE(duration, 14);
  return packet;
}

/** An Ethernet/IPv4/UDP frame around `payload` (SIPp replays the UDP payload). */
function frame(payload: Buffer): Buffer {
  const udp = Buffer.alloc(8);
  udp.writeUInt16BE(40000, 0);
  udp.writeUInt16BE(40002, 2);
  udp.writeUInt16BE(8 + payload.length, 4);
  const ip = Buffer.alloc(20);
  ip[0] = 0x45;
  ip.writeUInt16BE(20 + 8 + payload.length, 2);
  ip[8] = 64;
  ip[9] = 17; // UDP
  Buffer.from([127, 0, 0, 1]).copy(ip, 12);
  Buffer.from([127, 0, 0, 1]).copy(ip, 16);
  let sum = 0;
  for (let i = 0; i < 20; i += 2) sum += ip.readUInt16BE(i);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  ip.writeUInt16BE(~sum & 0xffff, 10);
  const ethernet = Buffer.alloc(14);
  ethernet.writeUInt16BE(0x0800, 12);
  return Buffer.concat([ethernet, ip, udp, payload]);
}

function pcap(packets: readonly { readonly atMs: number; readonly data: Buffer }[]): Buffer {
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b2c3d4, 0);
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeUInt32LE(65535, 16);
  header.writeUInt32LE(1, 20); // LINKTYPE_ETHERNET
  const records = packets.map(({ atMs, data }) => {
    const record = Buffer.alloc(16);
    record.writeUInt32LE(Math.floor(atMs / 1000), 0);
    record.writeUInt32LE((atMs % 1000) * 1000, 4);
    record.writeUInt32LE(data.length, 8);
    record.writeUInt32LE(data.length, 12);
    return Buffer.concat([record, data]);
  });
  return Buffer.concat([header, ...records]);
}

/**
 * Writes `dtmf-<n>.pcap` into `directory` for each key of `keys` in order
 * (n counts from 0): a 160 ms press, packets every 20 ms, the end packet
 * sent three times (RFC 4733 §2.5.1.4). Returns the paths.
 */
export function writeDtmfPcaps(directory: string, keys: readonly string[]): string[] {
  return keys.map((key, n) => {
    const code = eventCode(key);
    const timestamp = 8000 * (n + 1) * 2; // a new event: its own timestamp
    let seq = 1000 + n * 20;
    const packets: { atMs: number; data: Buffer }[] = [];
    for (let i = 0; i < 8; i++) packets.push({ atMs: i * 20, data: frame(rtpEvent(code, seq++, timestamp, i === 0, false, i * 160)) });
    for (let i = 0; i < 3; i++) packets.push({ atMs: 160 + i, data: frame(rtpEvent(code, seq, timestamp, false, true, 1280)) });
    const path = join(directory, `dtmf-${n}.pcap`);
    writeFileSync(path, pcap(packets));
    return path;
  });
}
