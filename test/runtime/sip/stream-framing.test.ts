import { describe, expect, it } from 'vitest';
import { frameSipStream, MAX_HEADER_BYTES } from '../../../runtime/sip/index.js';

const message = (body: string): string =>
  `MESSAGE sip:a@b SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\nl: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

describe('frameSipStream', () => {
  it('frames back-to-back messages by Content-Length', () => {
    const one = message('héllo');
    const buf = Buffer.from(one + message('x'));
    const first = frameSipStream(buf, 0, buf.length);
    expect(first).toEqual({ kind: 'message', start: 0, end: Buffer.byteLength(one) });
    const second = frameSipStream(buf, Buffer.byteLength(one), buf.length);
    expect(second).toEqual({ kind: 'message', start: Buffer.byteLength(one), end: buf.length });
  });

  it('asks for more when the headers or the body are incomplete', () => {
    const buf = Buffer.from(message('0123456789'));
    expect(frameSipStream(buf, 0, 20)).toEqual({ kind: 'need-more', start: 0 });
    expect(frameSipStream(buf, 0, buf.length - 1)).toEqual({ kind: 'need-more', start: 0 });
  });

  it('skips CRLF keep-alives before a message', () => {
    const buf = Buffer.from(`\r\n\r\n${message('')}`);
    expect(frameSipStream(buf, 0, buf.length)).toEqual({ kind: 'message', start: 4, end: buf.length });
  });

  it('rejects a bad Content-Length and endless headers', () => {
    const bad = Buffer.from('BYE sip:a@b SIP/2.0\r\nContent-Length: -1\r\n\r\n');
    expect(frameSipStream(bad, 0, bad.length)).toMatchObject({ kind: 'invalid', start: 0 });
    const endless = Buffer.alloc(MAX_HEADER_BYTES + 10, 0x41);
    expect(frameSipStream(endless, 0, endless.length)).toMatchObject({ kind: 'invalid' });
  });
});
