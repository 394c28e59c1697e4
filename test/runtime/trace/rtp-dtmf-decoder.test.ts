/**
 * RFC 4733 key presses read out of captures: one `dtmf` item per press on
 * a stream a dialog's SDP announced, however many packets carry it.
 */
import { describe, expect, it } from 'vitest';
import { LinkType, readTrace, type DtmfTraceItem, type TraceItem } from '../../../runtime/trace/index.js';
import { pcapFile } from './capture-writer.js';
import { ipv4, ipv6, udp } from './packet-builder.js';
import { press, rtp, telephoneEvent } from './rtp-packets.js';
import { sipRequest, sipResponse } from './sip-text.js';
import { problems } from './trace-items.js';

const PHONE = '10.0.0.1';
const PBX = '10.0.0.2';
const PHONE_MEDIA = 50000;
const PBX_MEDIA = 16000;

function sdp(ip: string, port: number, telephoneEventPt: number | undefined): string {
  const family = ip.includes(':') ? 'IP6' : 'IP4';
  const pts = telephoneEventPt === undefined ? '0' : `0 ${telephoneEventPt}`;
  return [
    'v=0',
    `o=- 1 1 IN ${family} ${ip}`,
    's=-',
    `c=IN ${family} ${ip}`,
    't=0 0',
    `m=audio ${port} RTP/AVP ${pts}`,
    'a=rtpmap:0 PCMU/8000',
    ...(telephoneEventPt === undefined ? [] : [`a=rtpmap:${telephoneEventPt} telephone-event/8000`]),
    '',
  ].join('\r\n');
}

interface Setup {
  readonly phonePt?: number | undefined;
  readonly pbxPt?: number | undefined;
  readonly callId?: string;
}

/** INVITE from the phone and the PBX's 200, each with its SDP. */
function call(setup: Setup = {}): Buffer[] {
  const callId = setup.callId ?? 'call-1';
  return [
    ipv4(PHONE, PBX, 17, udp(5060, 5060, sipRequest({ method: 'INVITE', callId, body: sdp(PHONE, PHONE_MEDIA, 'phonePt' in setup ? setup.phonePt : 101) }))),
    ipv4(PBX, PHONE, 17, udp(5060, 5060, sipResponse({ status: 200, callId, body: sdp(PBX, PBX_MEDIA, 'pbxPt' in setup ? setup.pbxPt : 101) }))),
  ];
}

/** RTP from the phone's media port to the PBX's. */
const media = (packets: readonly Buffer[], from = PHONE_MEDIA, to = PBX_MEDIA): Buffer[] => packets.map((p) => ipv4(PHONE, PBX, 17, udp(from, to, p)));

function read(frames: readonly Buffer[]): readonly TraceItem[] {
  return readTrace(pcapFile(frames.map((data, i) => ({ time: 1000 + 20 * i, data })), { linkType: LinkType.RAW }), 'dtmf.pcap').items;
}

function keys(items: readonly TraceItem[]): DtmfTraceItem[] {
  return items.filter((i): i is DtmfTraceItem => i.kind === 'dtmf');
}

describe('RFC 4733 key presses in a capture', () => {
  it('reports a press once, at its first end packet, on the dialog whose SDP announced the stream', () => {
    const items = read([...call(), ...media(press({ code: 11, timestamp: 92640 }))]);
    expect(keys(items)).toEqual([
      {
        kind: 'dtmf',
        trace: 'dtmf.pcap',
        // Frames 1-2 are SIP, 3-9 the press, 10 the first of three end packets.
        frame: 10,
        time: 1000 + 20 * 9,
        src: { ip: PHONE, port: PHONE_MEDIA },
        dst: { ip: PBX, port: PBX_MEDIA },
        digits: '#',
        callId: 'call-1',
        durationMs: 140,
        ended: true,
      },
    ]);
    expect(problems(items)).toEqual([]);
  });

  it('reads a sequence of keys in order, between the SIP messages', () => {
    const items = read([
      ...call(),
      ...media(press({ code: 11, timestamp: 1000 })),
      ...media(press({ code: 4, timestamp: 2000 })),
      ipv4(PHONE, PBX, 17, udp(5060, 5060, sipRequest({ method: 'BYE', callId: 'call-1', cseq: 2 }))),
      ...media(press({ code: 10, timestamp: 3000 })),
    ]);
    expect(items.map((i) => (i.kind === 'dtmf' ? i.digits : i.kind === 'sip' ? i.message.cseq.method : i.kind))).toEqual(['INVITE', 'INVITE', '#', '4', 'BYE', '*']);
  });

  it('counts the same key twice when a recording of it is played twice (same timestamp, marker again)', () => {
    const hash = press({ code: 11, timestamp: 92640 });
    const items = read([...call(), ...media(hash), ...media(press({ code: 4, timestamp: 37120 })), ...media(hash)]);
    expect(keys(items).map((k) => k.digits)).toEqual(['#', '4', '#']);
  });

  it('counts a recording played twice in a row twice (an extension like 200)', () => {
    const zero = press({ code: 0, timestamp: 17632 });
    expect(keys(read([...call(), ...media(press({ code: 2, timestamp: 23200 })), ...media(zero), ...media(zero)])).map((k) => k.digits)).toEqual(['2', '0', '0']);
  });

  it('does not take late packets of an earlier press for a new one', () => {
    const one = press({ code: 1, timestamp: 1000 });
    const two = press({ code: 2, timestamp: 2000 });
    const late = one[one.length - 1] ?? Buffer.alloc(0);
    const middle = one[3] ?? Buffer.alloc(0);
    const items = read([...call(), ...media(one), ...media(two.slice(0, 2)), ...media([late, middle]), ...media(two.slice(2))]);
    expect(keys(items).map((k) => k.digits)).toEqual(['1', '2']);
  });

  it('reports a press whose end packets were lost when the next press starts, and one cut by the end of the trace', () => {
    const items = read([...call(), ...media(press({ code: 5, timestamp: 1000, ends: 0 })), ...media(press({ code: 6, timestamp: 2000, ends: 0 }))]);
    expect(keys(items).map((k) => [k.digits, k.ended, k.frame])).toEqual([
      // Reported at the first packet of the next press (frame 10), then at the last packet of the trace (frame 16).
      ['5', false, 10],
      ['6', false, 16],
    ]);
    expect(keys(items)[0]?.durationMs).toBe(120);
  });

  it('reads a press that is nothing but end packets', () => {
    expect(keys(read([...call(), ...media(press({ code: 9, timestamp: 1, packets: 0 }))])).map((k) => [k.digits, k.ended, k.durationMs])).toEqual([['9', true, 0]]);
  });

  it('keeps streams apart by SSRC', () => {
    const a = press({ code: 1, timestamp: 500, ssrc: 1 });
    const b = press({ code: 2, timestamp: 500, ssrc: 2 });
    const interleaved = a.flatMap((p, i) => [p, b[i] ?? p]);
    expect(keys(read([...call(), ...media(interleaved)])).map((k) => k.digits)).toEqual(['1', '2']);
  });

  it('uses the payload type the SDP maps to telephone-event, and reads no keys in audio', () => {
    const items = read([
      ...call({ phonePt: 96, pbxPt: 96 }),
      ...media(press({ code: 1, timestamp: 1000, payloadType: 101 })),
      ...media([rtp({ payloadType: 0, timestamp: 2000 }, Buffer.alloc(160, 0xff))]),
      ...media(press({ code: 3, timestamp: 3000, payloadType: 96 })),
    ]);
    expect(keys(items).map((k) => k.digits)).toEqual(['3']);
    // Media of a known stream is not a stray packet: no warnings.
    expect(problems(items)).toEqual([]);
  });

  it("reads keys with the sender's mapping when the answer left telephone-event out", () => {
    const items = read([...call({ phonePt: 101, pbxPt: undefined }), ...media(press({ code: 1, timestamp: 1000 }))]);
    expect(keys(items).map((k) => [k.digits, k.callId])).toEqual([['1', 'call-1']]);
  });

  it('reads no keys where no SDP maps telephone-event', () => {
    expect(keys(read([...call({ phonePt: undefined, pbxPt: undefined }), ...media(press({ code: 1, timestamp: 1000 }))]))).toEqual([]);
  });

  it('finds the dialog by the sending endpoint when the receiving one was not announced', () => {
    const items = read([...call(), ...media(press({ code: 7, timestamp: 1000 }), PHONE_MEDIA, 40000)]);
    expect(keys(items).map((k) => [k.digits, k.callId])).toEqual([['7', 'call-1']]);
  });

  it('reads nothing on streams no SDP announced, nor without any SDP', () => {
    expect(keys(read([...call(), ...media(press({ code: 1, timestamp: 1 }), 30000, 30002)]))).toEqual([]);
    expect(keys(read(media(press({ code: 1, timestamp: 1 }))))).toEqual([]);
  });

  it('ties the stream to the newest SDP that announced its endpoint', () => {
    const items = read([...call({ callId: 'old' }), ...call({ callId: 'new' }), ...media(press({ code: 8, timestamp: 1 }))]);
    expect(keys(items).map((k) => k.callId)).toEqual(['new']);
  });

  it('reads the SDP that came before the first media only once media shows, exactly as if it had been read as it came', () => {
    // SDP is not read until the first datagram that is not SIP; then the packets before it are read again for their SDP.
    // Here: a later call re-uses the PBX's port, a retransmitted 200 of the first call comes after it (and must
    // not count), and an unrelated non-SIP datagram (no media) comes first and makes the reader catch up.
    const [, firstOk] = call({ callId: 'first' });
    const items = read([
      ...call({ callId: 'first' }),
      ...call({ callId: 'second' }),
      firstOk ?? Buffer.alloc(0),
      ipv4(PHONE, '10.0.0.53', 17, udp(40000, 53, Buffer.from([0x12, 0x34, 1, 0, 0, 1]))),
      ...media(press({ code: 5, timestamp: 1 })),
      ...call({ callId: 'third' }),
      ...media(press({ code: 6, timestamp: 2 })),
    ]);
    expect(items.filter((i) => i.kind === 'sip').map((i) => (i.kind === 'sip' ? i.retransmission : undefined))).toEqual([false, false, false, false, true, false, false]);
    expect(keys(items).map((k) => [k.digits, k.callId])).toEqual([
      ['5', 'second'],
      ['6', 'third'],
    ]);
  });

  it('follows non-key events without reporting them', () => {
    const flash = [rtp({ payloadType: 101, timestamp: 1, marker: true }, telephoneEvent(16, false, 0)), rtp({ payloadType: 101, timestamp: 1 }, telephoneEvent(16, true, 800))];
    expect(keys(read([...call(), ...media(flash), ...media(press({ code: 0, timestamp: 2 }))])).map((k) => k.digits)).toEqual(['0']);
  });

  it('warns about a telephone-event payload too short to read, and reads on', () => {
    const items = read([...call(), ...media([rtp({ payloadType: 101, timestamp: 1 }, Buffer.from([1, 0x80]))]), ...media(press({ code: 2, timestamp: 2 }))]);
    expect(problems(items).map((p) => [p.frame, p.severity, p.reason])).toEqual([[3, 'warning', 'RTP telephone-event payload of 2 bytes (4 needed) skipped']]);
    expect(keys(items).map((k) => k.digits)).toEqual(['2']);
  });

  it('reads IPv6 media', () => {
    const phone = 'fd00::20';
    const pbx = 'fd00::10';
    const frames = [
      ipv6(phone, pbx, 17, udp(5060, 5060, sipRequest({ method: 'INVITE', callId: 'v6', body: sdp(phone, PHONE_MEDIA, 101) }))),
      ipv6(pbx, phone, 17, udp(5060, 5060, sipResponse({ status: 200, callId: 'v6', body: sdp('FD00:0000::0010', PBX_MEDIA, 101) }))),
      ...press({ code: 12, timestamp: 1 }).map((p) => ipv6(phone, pbx, 17, udp(PHONE_MEDIA, PBX_MEDIA, p))),
    ];
    const items = readTrace(pcapFile(frames.map((data, i) => ({ time: i, data })), { linkType: LinkType.RAW }), 'v6.pcap').items;
    expect(keys(items).map((k) => [k.digits, k.callId, k.dst.ip])).toEqual([['A', 'v6', pbx]]);
  });

  it('still warns about non-SIP payloads on SIP ports that are not announced media', () => {
    const items = read([...call(), ipv4(PHONE, PBX, 17, udp(5060, 5060, rtp({ payloadType: 0 }, Buffer.alloc(20))))]);
    expect(problems(items).map((p) => p.reason)).toEqual(['non-SIP UDP payload (32 bytes) on SIP port 5060 skipped']);
  });
});
