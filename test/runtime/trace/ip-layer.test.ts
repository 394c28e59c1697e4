import { describe, expect, it } from 'vitest';
import { LinkType, readTrace } from '../../../runtime/trace/index.js';
import { pcapFile } from './capture-writer.js';
import { ipv4, ipv4Fragments, ipv6, ipv6Fragments, udp } from './packet-builder.js';
import { SDP, sipRequest } from './sip-text.js';
import { problems, sipItems } from './trace-items.js';

const big = udp(5060, 5060, sipRequest({ method: 'INVITE', callId: 'frag', body: SDP.repeat(8), extra: ['Subject: ' + 'x'.repeat(600)] }));
const raw = (frames: readonly Buffer[], times?: readonly number[]): Buffer =>
  pcapFile(
    frames.map((data, i) => ({ time: times?.[i] ?? i, data })),
    { linkType: LinkType.RAW },
  );

describe('IP layer', () => {
  it('skips IPv6 extension headers (hop-by-hop, routing, destination options, AH)', () => {
    const packet = ipv6('2001:db8::a', '2001:db8::b', 17, udp(5060, 5060, sipRequest({ method: 'BYE', callId: 'ext' })), [
      { type: 0, length: 8 },
      { type: 43, length: 24 },
      { type: 51, length: 16 },
      { type: 60, length: 8 },
    ]);
    const read = readTrace(raw([packet]), 'ext.pcap');
    expect(problems(read)).toEqual([]);
    expect(sipItems(read).map((s) => s.message.callId)).toEqual(['ext']);
  });

  it('reassembles IPv4 fragments that arrive out of order and overlap', () => {
    const fragments = ipv4Fragments('10.1.1.1', '10.1.1.2', 17, big, 512, 77);
    expect(fragments.length).toBeGreaterThan(2);
    const [first, ...rest] = fragments;
    if (first === undefined) throw new Error('no fragments');
    const shuffled = [...rest.reverse(), first, first];
    const read = readTrace(raw(shuffled), 'frag.pcap');
    expect(problems(read)).toEqual([]);
    const sip = sipItems(read);
    expect(sip.map((s) => [s.message.callId, s.frame])).toEqual([['frag', rest.length + 1]]);
    expect(sip[0]?.message.headers.get('Subject')).toHaveLength(600);
  });

  it('reassembles IPv6 fragments', () => {
    const fragments = ipv6Fragments('2001:db8::1', '2001:db8::2', 17, big, 1024, 0xabcdef);
    const sip = sipItems(readTrace(raw(fragments), 'frag6.pcap'));
    expect(sip.map((s) => [s.message.callId, s.src.ip])).toEqual([['frag', '2001:db8::1']]);
  });

  it('reports a datagram whose fragments never all arrive, in time and at the end', () => {
    const a = ipv4Fragments('10.1.1.1', '10.1.1.2', 17, big, 512, 1);
    const b = ipv4Fragments('10.1.1.1', '10.1.1.2', 17, big, 512, 2);
    const frames = [a[0], b[0], b[1], ...b.slice(2)].filter((f): f is Buffer => f !== undefined);
    // Datagram 1 loses all but its first fragment; datagram 2 completes 40 s later, after the timeout.
    const times = frames.map((_f, i) => (i === 0 ? 0 : 40_000 + i));
    const read = readTrace(raw(frames), 'lost.pcap');
    expect(sipItems(read)).toHaveLength(1);
    expect(problems(read).map((p) => p.reason)).toEqual([expect.stringMatching(/first fragment is frame 1 dropped: 512 bytes arrived, the trace ended/)]);
    const timed = readTrace(raw(frames, times), 'lost-timed.pcap');
    expect(problems(timed).map((p) => p.reason)).toEqual([expect.stringMatching(/first fragment is frame 1 dropped: 512 bytes arrived, the rest never arrived/)]);
  });

  it('reads an IPv4 total length of 0 (segmentation offload) as the frame length', () => {
    const packet = ipv4('10.0.0.1', '10.0.0.2', 17, udp(5060, 5060, sipRequest({ method: 'ACK', callId: 'tso' })), { totalLength: 0 });
    expect(sipItems(readTrace(raw([packet]), 'tso.pcap')).map((s) => s.message.callId)).toEqual(['tso']);
  });

  it('reports corrupt IP headers as garbage', () => {
    const bad = ipv4('10.0.0.1', '10.0.0.2', 17, Buffer.alloc(8));
    bad[0] = 0x43; // header length 12 bytes
    expect(problems(readTrace(raw([bad]), 'bad.pcap')).map((p) => p.reason)).toEqual([expect.stringMatching(/^garbage packet: corrupt IPv4 header/)]);
  });
});
