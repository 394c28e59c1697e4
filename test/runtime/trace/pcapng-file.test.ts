import { describe, expect, it } from 'vitest';
import { LinkType, readTrace } from '../../../runtime/trace/index.js';
import { pcapngFile } from './capture-writer.js';
import { ETHERTYPE_IPV4, ETHERTYPE_IPV6, ethernet, ipv4, ipv6, linuxCooked2, udp } from './packet-builder.js';
import { sipRequest } from './sip-text.js';
import { label, problems, sipItems } from './trace-items.js';

const T0 = Date.UTC(2024, 0, 1, 10, 0, 0);
const v4 = (callId: string): Buffer => ethernet(ipv4('10.0.0.1', '10.0.0.2', 17, udp(5060, 5060, sipRequest({ method: 'INVITE', callId }))), ETHERTYPE_IPV4);
const v6 = (callId: string): Buffer =>
  linuxCooked2(ipv6('2001:db8::1', '2001:db8::2', 17, udp(5060, 5062, sipRequest({ method: 'OPTIONS', callId }))), ETHERTYPE_IPV6);

describe('pcapng files', () => {
  it.each([true, false])('reads interfaces with their own link types and resolutions (little-endian %s)', (littleEndian) => {
    const file = pcapngFile([
      {
        littleEndian,
        interfaces: [
          { linkType: LinkType.ETHERNET },
          { linkType: LinkType.LINUX_SLL2, tsresol: 9 },
          { linkType: LinkType.ETHERNET, tsresol: 0x80 | 20 },
        ],
        packets: [
          { kind: 'enhanced', iface: 0, time: T0 + 1.5, data: v4('a') },
          { kind: 'other', type: 4, body: Buffer.alloc(8) },
          { kind: 'enhanced', iface: 1, time: T0 + 2.000123, data: v6('b') },
          { kind: 'enhanced', iface: 2, time: T0 + 3, data: v4('c') },
          { kind: 'simple', data: v4('d') },
          { kind: 'obsolete', iface: 0, time: T0 + 4, data: v4('e') },
        ],
      },
    ]);
    const read = readTrace(file, 'multi.pcapng');
    expect(read.format).toBe('pcapng');
    expect(problems(read)).toEqual([]);
    const sip = sipItems(read);
    expect(sip.map((s) => s.message.callId)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(sip.map((s) => s.frame)).toEqual([1, 2, 3, 4, 5]);
    expect(sip[0]?.time).toBeCloseTo(T0 + 1.5, 3);
    expect(sip[1]?.time).toBeCloseTo(T0 + 2.000123, 5);
    expect(sip[1]).toMatchObject({ src: { ip: '2001:db8::1', port: 5060 }, dst: { ip: '2001:db8::2', port: 5062 } });
    expect(sip[2]?.time).toBeCloseTo(T0 + 3, 2);
    // A simple packet block has no timestamp: it takes the previous packet's.
    expect(sip[3]?.time).toBe(sip[2]?.time);
    expect(sip[4]?.time).toBeCloseTo(T0 + 4, 3);
  });

  it('applies if_tsoffset and resets interfaces at each section', () => {
    const file = pcapngFile([
      { interfaces: [{ linkType: LinkType.ETHERNET, tsoffset: 1_700_000_000 }], packets: [{ kind: 'enhanced', iface: 0, time: 1_700_000_000_000 + 5, data: v4('a') }] },
      { littleEndian: false, interfaces: [{ linkType: LinkType.LINUX_SLL2 }], packets: [{ kind: 'enhanced', iface: 0, time: T0, data: v6('b') }] },
    ]);
    const sip = sipItems(readTrace(file, 'sections.pcapng'));
    expect(sip.map(label)).toEqual(['INVITE', 'OPTIONS']);
    expect(sip[0]?.time).toBeCloseTo(1_700_000_000_005, 3);
  });

  it('reports a packet on an interface that was never described, and goes on', () => {
    const file = pcapngFile([
      {
        interfaces: [{ linkType: LinkType.ETHERNET }],
        packets: [
          { kind: 'enhanced', iface: 3, time: T0, data: v4('lost') },
          { kind: 'enhanced', iface: 0, time: T0 + 1, data: v4('kept') },
        ],
      },
    ]);
    const read = readTrace(file, 'x.pcapng');
    expect(problems(read)).toEqual([expect.objectContaining({ frame: 1, reason: 'frame 1 names interface 3, which was never described' })]);
    expect(sipItems(read).map((s) => s.message.callId)).toEqual(['kept']);
  });

  it('keeps the packets before a truncated block', () => {
    const file = pcapngFile([
      {
        interfaces: [{ linkType: LinkType.ETHERNET }],
        packets: [
          { kind: 'enhanced', iface: 0, time: T0, data: v4('a') },
          { kind: 'enhanced', iface: 0, time: T0 + 1, data: v4('b') },
        ],
      },
    ]);
    const read = readTrace(file.subarray(0, file.length - 40), 'cut.pcapng');
    expect(sipItems(read).map((s) => s.message.callId)).toEqual(['a']);
    expect(problems(read)).toEqual([expect.objectContaining({ frame: 2, severity: 'error', reason: expect.stringMatching(/^file truncated: block at byte \d+ needs/) })]);
  });

  it('stops at a block with an impossible length', () => {
    const file = Buffer.from(pcapngFile([{ interfaces: [{ linkType: LinkType.ETHERNET }], packets: [{ kind: 'enhanced', iface: 0, time: T0, data: v4('a') }] }]));
    const epb = file.length - (12 + 20 + v4('a').length + ((4 - (v4('a').length % 4)) % 4));
    file.writeUInt32LE(7, epb + 4);
    expect(problems(readTrace(file, 'bad.pcapng')).map((p) => p.reason)).toEqual([`corrupt block at byte ${epb} (length 7)`]);
  });
});
