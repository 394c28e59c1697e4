import { describe, expect, it } from 'vitest';
import { FixedSdpAnchor } from '../../../runtime/drachtio/fixed-sdp-anchor.js';
import { answerDirection, offersHold, withDirection, withNextVersion } from '../../../runtime/drachtio/sdp-text.js';
import { parseSdpDirection } from '../../../runtime/sip/sdp-direction.js';
import { PEER_SDP, peerSdp } from './fake-drachtio.js';

const owner = { flow: 'T', key: undefined, dialogEvent: () => undefined, effectFailed: () => undefined };

describe('SDP edits for hold', () => {
  it('replaces every direction attribute with one session-level one', () => {
    const sdp = 'v=0\r\no=a 1 1 IN IP4 1.1.1.1\r\ns=-\r\na=recvonly\r\nm=audio 1 RTP/AVP 0\r\na=sendrecv\r\nm=video 2 RTP/AVP 96\r\na=inactive\r\n';
    const held = withDirection(sdp, 'sendonly');
    expect(held.match(/a=(sendrecv|sendonly|recvonly|inactive)/g)).toEqual(['a=sendonly']);
    expect(held.indexOf('a=sendonly')).toBeLessThan(held.indexOf('m=audio'));
    expect(parseSdpDirection(held).direction).toBe('sendonly');
    expect(held.endsWith('\r\n')).toBe(true);
  });

  it('bumps the origin version, even past 2^53', () => {
    expect(withNextVersion('o=a 1 41 IN IP4 x\r\n')).toBe('o=a 1 42 IN IP4 x\r\n');
    expect(withNextVersion('o=a 1 9007199254740993 IN IP4 x')).toBe('o=a 1 9007199254740994 IN IP4 x');
    expect(withNextVersion('v=0')).toBe('v=0');
  });

  it('answers mirror offers and hold is sendonly or inactive', () => {
    expect(answerDirection('sendonly')).toBe('recvonly');
    expect(answerDirection('recvonly')).toBe('sendonly');
    expect(answerDirection('inactive')).toBe('inactive');
    expect(offersHold(peerSdp('sendonly'))).toBe(true);
    expect(offersHold(peerSdp('inactive'))).toBe(true);
    expect(offersHold(PEER_SDP)).toBe(false);
    expect(offersHold(PEER_SDP.replace('c=IN IP4 127.0.0.2', 'c=IN IP4 0.0.0.0'))).toBe(true);
  });
});

describe('FixedSdpAnchor', () => {
  it('offers its address and port, answers in the mirrored direction and versions re-offers', async () => {
    const anchor = new FixedSdpAnchor({ address: '10.0.0.5', port: 4000 });
    const offer = await anchor.offer(owner, 'd1');
    expect(offer).toMatch(/^c=IN IP4 10\.0\.0\.5$/m);
    expect(offer).toMatch(/^m=audio 4000 RTP\/AVP 0 8 101$/m);
    const answer = await anchor.answer(owner, 'd2', peerSdp('sendonly'));
    expect(typeof answer === 'string' && parseSdpDirection(answer).direction).toBe('recvonly');
    const held = await anchor.reoffer('d1', 'sendonly');
    expect(typeof held === 'string' && held).toMatch(/^o=flowc \d+ 2 IN IP4/m);
    anchor.move('d1', 'd3');
    expect(await anchor.reoffer('d1', 'sendrecv')).toMatchObject({ kind: 'portFailure' });
    expect(await anchor.reoffer('d3', 'sendrecv')).toMatch(/^o=flowc \d+ 3 IN IP4/m);
    anchor.release('d3');
    expect(await anchor.reanswer('d3', PEER_SDP)).toMatchObject({ kind: 'portFailure' });
  });

  it('writes IPv6 addresses as IP6', async () => {
    const offer = await new FixedSdpAnchor({ address: '::1' }).offer(owner, 'd1');
    expect(offer).toMatch(/^c=IN IP6 ::1$/m);
    expect(offer).toMatch(/^m=audio 9 /m);
  });
});
