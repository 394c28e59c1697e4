import { describe, expect, it } from 'vitest';
import { sdpAudioEndpoints } from '../../../runtime/trace/rtp-sdp-media.js';

const sdp = (...lines: string[]): string => ['v=0', 'o=- 1 1 IN IP4 10.0.0.1', 's=-', 't=0 0', ...lines, ''].join('\r\n');

describe('sdpAudioEndpoints', () => {
  it('reads where audio is received and which payload types are telephone-events', () => {
    const text = sdp('c=IN IP4 127.0.0.10', 'm=audio 16000 RTP/AVP 8 0 101', 'a=rtpmap:8 PCMA/8000', 'a=rtpmap:101 telephone-event/8000', 'a=fmtp:101 0-16');
    expect(sdpAudioEndpoints(text)).toEqual([{ ip: '127.0.0.10', port: 16000, telephoneEvents: new Map([[101, 8000]]) }]);
  });

  it('takes a media-level connection over the session one, per stream', () => {
    const text = sdp(
      'c=IN IP4 10.0.0.1',
      'm=audio 4000 RTP/AVP 0 96',
      'a=rtpmap:96 Telephone-Event/16000',
      'm=audio 4002 RTP/AVP 0 97',
      'c=IN IP4 10.0.0.9/127',
      'a=rtpmap:97 telephone-event/8000',
    );
    expect(sdpAudioEndpoints(text)).toEqual([
      { ip: '10.0.0.1', port: 4000, telephoneEvents: new Map([[96, 16000]]) },
      { ip: '10.0.0.9', port: 4002, telephoneEvents: new Map([[97, 8000]]) },
    ]);
  });

  it('prints IPv6 addresses as the capture reader does (RFC 5952)', () => {
    expect(sdpAudioEndpoints(sdp('c=IN IP6 FD00:0:0:0:0:0:0:10', 'm=audio 5004 RTP/AVP 0')).map((e) => e.ip)).toEqual(['fd00::10']);
  });

  it('keeps audio without telephone-events (no keys will be read there)', () => {
    expect(sdpAudioEndpoints(sdp('c=IN IP4 10.0.0.1', 'm=audio 4000 RTP/AVP 0', 'a=rtpmap:0 PCMU/8000'))).toEqual([
      { ip: '10.0.0.1', port: 4000, telephoneEvents: new Map() },
    ]);
  });

  it('skips what receives nothing: port 0, hold to 0.0.0.0 or ::, video, no address', () => {
    expect(sdpAudioEndpoints(sdp('c=IN IP4 10.0.0.1', 'm=audio 0 RTP/AVP 0'))).toEqual([]);
    expect(sdpAudioEndpoints(sdp('c=IN IP4 0.0.0.0', 'm=audio 4000 RTP/AVP 0'))).toEqual([]);
    expect(sdpAudioEndpoints(sdp('c=IN IP6 ::', 'm=audio 4000 RTP/AVP 0'))).toEqual([]);
    expect(sdpAudioEndpoints(sdp('c=IN IP4 10.0.0.1', 'm=video 4000 RTP/AVP 96', 'a=rtpmap:96 telephone-event/8000'))).toEqual([]);
    expect(sdpAudioEndpoints(sdp('m=audio 4000 RTP/AVP 0'))).toEqual([]);
  });

  it('never throws on garbage', () => {
    for (const text of ['', 'c=IN IP6 [::1', 'c=IN IP4 999.1', 'm=audio x', 'm=', 'a=rtpmap:101 telephone-event/', '\n\n=\r', 'c=IN IP6 not-an-address']) {
      expect(() => sdpAudioEndpoints(sdp(text, 'm=audio 4000 RTP/AVP 0'))).not.toThrow();
    }
    expect(sdpAudioEndpoints(sdp('c=IN IP6 not:an:address:at:all:zz', 'm=audio 4000 RTP/AVP 0'))).toEqual([]);
  });
});
