import { describe, expect, it } from 'vitest';
import { sniffSip } from '../../../runtime/sip/index.js';

const sniff = (text: string | Uint8Array): string => {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'latin1') : text;
  return sniffSip(bytes, 0, bytes.length);
};

describe('sniffSip', () => {
  it('recognises requests and responses, including malformed request lines', () => {
    expect(sniff('INVITE sip:a@b SIP/2.0\r\n')).toBe('sip');
    expect(sniff('SIP/2.0 200 OK\r\n')).toBe('sip');
    expect(sniff('INVITE  sip:a@b  SIP/2.0  \r\n')).toBe('sip');
    expect(sniff('OPTIONS sip:a@b SIP/7.0\r\n')).toBe('sip');
  });

  it('rejects other protocols', () => {
    expect(sniff('GET / HTTP/1.1\r\n')).toBe('not-sip');
    expect(sniff(new Uint8Array([0x80, 0x08, 0x12, 0x34, 0x00]))).toBe('not-sip');
    expect(sniff('hello world\n')).toBe('not-sip');
  });

  it('waits for the first line of a stream', () => {
    expect(sniff('INVITE sip:a@b SI')).toBe('unknown');
    expect(sniff('\r\n')).toBe('unknown');
  });
});
