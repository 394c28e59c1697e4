import { describe, expect, it } from 'vitest';
import { readRtpHeader } from '../../../runtime/trace/rtp-header.js';
import { rtp } from './rtp-packets.js';

const payload = Buffer.from([1, 2, 3, 4]);

describe('readRtpHeader', () => {
  it('reads the fixed header and finds the payload', () => {
    const packet = rtp({ payloadType: 101, sequence: 7991, timestamp: 13280, ssrc: 0x0e05384e, marker: true }, payload);
    expect(readRtpHeader(packet, 0, packet.length)).toEqual({
      marker: true,
      payloadType: 101,
      sequence: 7991,
      timestamp: 13280,
      ssrc: 0x0e05384e,
      payloadStart: 12,
      payloadEnd: 16,
    });
  });

  it('skips CSRCs and a header extension, and strips padding', () => {
    const packet = rtp({ payloadType: 0, csrcs: 2, extensionWords: 1, padding: 3 }, payload);
    const header = readRtpHeader(packet, 0, packet.length);
    expect(header?.marker).toBe(false);
    expect(packet.subarray(header?.payloadStart, header?.payloadEnd)).toEqual(payload);
  });

  it('reads inside a larger buffer', () => {
    const packet = Buffer.concat([Buffer.from('xx'), rtp({ payloadType: 8 }, payload), Buffer.from('yy')]);
    expect(readRtpHeader(packet, 2, packet.length - 2)).toMatchObject({ payloadType: 8, payloadStart: 14, payloadEnd: 18 });
  });

  it.each([
    ['shorter than the fixed header', Buffer.alloc(11, 0x80)],
    ['version 1', Buffer.from([0x40, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1])],
    ['an RTCP sender report', Buffer.from([0x80, 200, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0, 1])],
    ['padding of 0 octets', Buffer.from([0xa0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0])],
    ['padding longer than the payload', rtp({ payloadType: 0, padding: 1 }, Buffer.alloc(0)).fill(9, 12)],
    ['a header extension past the end', Buffer.from([0x90, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0xbe, 0xde, 0, 5])],
    ['CSRCs past the end', Buffer.from([0x8f, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1])],
  ])('is not RTP: %s', (_why, packet) => {
    expect(readRtpHeader(packet, 0, packet.length)).toBeUndefined();
  });
});
