import { describe, expect, it } from 'vitest';
import { LinkType, readTrace } from '../../../runtime/trace/index.js';
import { pcapFile } from './capture-writer.js';
import { ETHERTYPE_IPV4, ethernet, ipv4, udp } from './packet-builder.js';
import { sipRequest, sipResponse } from './sip-text.js';
import { label, problems, sipItems } from './trace-items.js';

const T0 = Date.UTC(2024, 0, 1, 10, 0, 0);
const frame = (text: string, srcPort = 5060, dstPort = 5060): Buffer =>
  ethernet(ipv4('10.0.0.1', '10.0.0.2', 17, udp(srcPort, dstPort, text)), ETHERTYPE_IPV4);
const packets = [
  { time: T0 + 0.25, data: frame(sipRequest({ method: 'INVITE', callId: 'c1' })) },
  { time: T0 + 1500.125, data: frame(sipResponse({ status: 180, reason: 'Ringing', callId: 'c1' }), 5060, 5060) },
];

describe('pcap files', () => {
  it.each([
    ['little-endian microseconds', { littleEndian: true, nanosecond: false }],
    ['big-endian microseconds', { littleEndian: false, nanosecond: false }],
    ['little-endian nanoseconds', { littleEndian: true, nanosecond: true }],
    ['big-endian nanoseconds', { littleEndian: false, nanosecond: true }],
  ])('reads %s', (_name, options) => {
    const read = readTrace(pcapFile(packets, { linkType: LinkType.ETHERNET, ...options }), 'calls.pcap');
    expect(read.format).toBe('pcap');
    expect(problems(read)).toEqual([]);
    const sip = sipItems(read);
    expect(sip.map(label)).toEqual(['INVITE', '180 INVITE']);
    expect(sip.map((s) => s.frame)).toEqual([1, 2]);
    expect(sip[0]?.time).toBeCloseTo(T0 + 0.25, 3);
    expect(sip[1]?.time).toBeCloseTo(T0 + 1500.125, 3);
    expect(sip[0]).toMatchObject({ trace: 'calls.pcap', src: { ip: '10.0.0.1', port: 5060 }, dst: { ip: '10.0.0.2', port: 5060 }, transport: 'udp' });
  });

  it('reads the "modified" pcap format (24-byte record headers)', () => {
    const plain = pcapFile(packets, { linkType: LinkType.ETHERNET });
    const parts: Buffer[] = [plain.subarray(0, 24)];
    let p = 24;
    while (p < plain.length) {
      const captured = plain.readUInt32LE(p + 8);
      // ifindex, protocol, packet type and padding follow the usual 16 bytes.
      parts.push(plain.subarray(p, p + 16), Buffer.alloc(8), plain.subarray(p + 16, p + 16 + captured));
      p += 16 + captured;
    }
    const modified = Buffer.concat(parts);
    modified.writeUInt32LE(0xa1b2cd34, 0);
    const read = readTrace(modified, 'modified.pcap');
    expect(problems(read)).toEqual([]);
    expect(sipItems(read).map(label)).toEqual(['INVITE', '180 INVITE']);
  });

  it('reports a file cut inside its header', () => {
    const read = readTrace(pcapFile([], { linkType: 1 }).subarray(0, 10), 'cut.pcap');
    expect(problems(read).map((p) => p.reason)).toEqual(['pcap file truncated inside its 24-byte header (10 bytes)']);
  });

  it('keeps the packets before a truncated record and says where the file was cut', () => {
    const whole = pcapFile(packets, { linkType: LinkType.ETHERNET });
    const read = readTrace(whole.subarray(0, whole.length - 30), 'cut.pcap');
    expect(sipItems(read).map(label)).toEqual(['INVITE']);
    expect(problems(read)).toEqual([expect.objectContaining({ frame: 2, severity: 'error', reason: expect.stringMatching(/^file truncated: frame 2 has \d+ of its \d+ bytes$/) })]);
  });

  it('reports a record header cut short', () => {
    const whole = pcapFile(packets.slice(0, 1), { linkType: LinkType.ETHERNET });
    const read = readTrace(Buffer.concat([whole, Buffer.alloc(7)]), 'cut.pcap');
    expect(problems(read).map((p) => p.reason)).toEqual(['file truncated: the record header of frame 2 is cut at byte ' + (whole.length + 7)]);
  });

  it('stops at a record that claims an impossible length', () => {
    const whole = pcapFile(packets, { linkType: LinkType.ETHERNET });
    const corrupt = Buffer.from(whole);
    corrupt.writeUInt32LE(0xfffffff0, 24 + 8);
    expect(problems(readTrace(corrupt, 'bad.pcap')).map((p) => p.reason)).toEqual([expect.stringMatching(/^corrupt record: frame 1 claims/)]);
  });
});
