/**
 * How many frames a trace file holds, counted without decoding a packet,
 * so a progress line can say how far reading has come. Frames are what the
 * readers number: pcap records, pcapng packet blocks, lines of a log.
 * Undefined when the file cannot be walked cheaply (gzip, corrupt headers):
 * the progress line then counts messages only.
 */
import { detectTraceFormat } from '../runtime/trace/index.js';
import { pcapLayout } from '../runtime/trace/pcap-file.js';

export function countFrames(buf: Buffer): number | undefined {
  switch (detectTraceFormat(buf)) {
    case 'pcap':
      return pcapRecords(buf);
    case 'pcapng':
      return pcapngPackets(buf);
    case 'text':
    case 'jsonl':
      return lines(buf);
    default:
      return undefined;
  }
}

function pcapRecords(buf: Buffer): number | undefined {
  const layout = pcapLayout(buf);
  if (layout === undefined) return undefined;
  let count = 0;
  for (let p = 24; p + layout.recordHeader <= buf.length; count++) {
    const captured = layout.littleEndian ? buf.readUInt32LE(p + 8) : buf.readUInt32BE(p + 8);
    p += layout.recordHeader + captured;
  }
  return count;
}

const PACKET_BLOCKS = new Set([2, 3, 6]);

function pcapngPackets(buf: Buffer): number | undefined {
  let count = 0;
  let le = true;
  for (let p = 0; p + 12 <= buf.length; ) {
    if (buf.readUInt32LE(p) === 0x0a0d0d0a) le = buf.readUInt32LE(p + 8) === 0x1a2b3c4d;
    const type = le ? buf.readUInt32LE(p) : buf.readUInt32BE(p);
    const length = le ? buf.readUInt32LE(p + 4) : buf.readUInt32BE(p + 4);
    if (length < 12) return count;
    if (PACKET_BLOCKS.has(type)) count++;
    p += length;
  }
  return count;
}

function lines(buf: Buffer): number {
  let count = 1;
  for (let i = buf.indexOf(10); i >= 0; i = buf.indexOf(10, i + 1)) count++;
  return count;
}
