import { describe, expect, it } from 'vitest';
import { parseSdpDirection, parseSipMessage, sdpOf } from '../../../runtime/sip/index.js';
import { fixtureMessage } from './message-fixture.js';

describe('SDP direction', () => {
  it('reads a media-level direction and skips a disabled stream', () => {
    const sdp = sdpOf(fixtureMessage('reinvite-hold-sendonly.sip'));
    expect(sdp?.direction).toBe('sendonly');
    expect(sdp?.media.map((m) => [m.type, m.direction])).toEqual([
      ['audio', 'sendonly'],
      ['video', 'inactive'],
    ]);
  });

  it('treats c=0.0.0.0 as hold: nothing can be received', () => {
    const sdp = sdpOf(fixtureMessage('reinvite-hold-legacy.sip'));
    expect(sdp).toMatchObject({ direction: 'sendonly', connectionZero: true });
    expect(sdp?.media[0]?.declared).toBe('sendrecv');
  });

  it('applies session-level attributes unless a stream overrides them', () => {
    const sdp = parseSdpDirection('v=0\nc=IN IP4 1.2.3.4\na=inactive\nm=audio 4000 RTP/AVP 0\nm=video 4002 RTP/AVP 31\na=recvonly\n');
    expect(sdp.media.map((m) => m.direction)).toEqual(['inactive', 'recvonly']);
    expect(sdp.direction).toBe('inactive');
  });

  it('a recvonly stream with c=0.0.0.0 is inactive', () => {
    expect(parseSdpDirection('v=0\r\nm=audio 4000 RTP/AVP 0\r\nc=IN IP4 0.0.0.0\r\na=recvonly\r\n').direction).toBe('inactive');
  });

  it('defaults to sendrecv, and is undefined without SDP', () => {
    expect(sdpOf(fixtureMessage('invite-with-replaces.sip'))?.direction).toBe('sendrecv');
    expect(sdpOf(fixtureMessage('notify-sipfrag.sip'))).toBeUndefined();
  });

  it('finds the SDP part of a multipart body', () => {
    const body =
      '--b1\r\nContent-Type: application/sdp\r\n\r\nv=0\r\nc=IN IP4 1.2.3.4\r\nm=audio 4000 RTP/AVP 0\r\na=sendonly\r\n' +
      '--b1\r\nContent-Type: application/pidf+xml\r\n\r\n<presence/>\r\n--b1--\r\n';
    const text =
      'INVITE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:c@d>;tag=1\r\nTo: <sip:a@b>\r\n' +
      `Call-ID: mp\r\nCSeq: 1 INVITE\r\nContent-Type: multipart/mixed;boundary=b1\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
    const parsed = parseSipMessage(text);
    expect(parsed.ok && sdpOf(parsed.message)?.direction).toBe('sendonly');
  });
});
