import { describe, expect, it } from 'vitest';
import { parseSipMessage } from '../../../runtime/sip/index.js';
import { fixtureMessage } from './message-fixture.js';

const minimal = (extra = ''): string =>
  'OPTIONS sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-1\r\n' +
  'From: <sip:alice@example.com>;tag=a\r\nTo: <sip:bob@example.com>\r\nCall-ID: c1\r\nCSeq: 1 OPTIONS\r\n' +
  `${extra}Content-Length: 0\r\n\r\n`;

describe('parseSipMessage', () => {
  it('expands every compact form and unfolds continuation lines', () => {
    const m = fixtureMessage('ok-compact-folded.sip');
    expect(m.kind === 'response' && m.status).toBe(200);
    expect(m.callId).toBe('compact-1@10.0.0.2');
    expect(m.to.tag).toBe('c1');
    expect(m.via.map((v) => v.branch)).toEqual(['z9hG4bK-c1', 'z9hG4bK-c0']);
    expect(m.headers.get('Contact')).toBe('<sip:customer@10.0.0.1>');
    expect(m.headers.list('Supported')).toEqual(['replaces', 'timer', 'norefersub']);
    expect(m.headers.getAll('supported')).toEqual(['replaces, timer', 'norefersub']);
    expect(m.headers.get('Subject')).toBe('folded subject');
    expect(m.headers.get('Content-Encoding')).toBe('identity');
    expect(m.headers.get('Session-Expires')).toBe('1800;refresher=uac');
    expect(m.headers.list('Allow-Events')).toEqual(['refer', 'dialog']);
    expect(m.headers.get('Content-Length')).toBe('0');
    expect(m.headers.get('CONTENT-LENGTH')).toBe('0');
    expect([...m.headers].map((h) => h.name)).toContain('k');
    // Read before from the bytes (scanned for the one name), now from the lines the iteration built: the same.
    expect(m.headers.getAll('supported')).toEqual(['replaces, timer', 'norefersub']);
    expect(m.headers.getAll('v')).toHaveLength(1);
    expect(m.headers.list('via')).toHaveLength(2);
  });

  it('accepts a string, bare LF line ends and CRLFs before the start line', () => {
    const result = parseSipMessage(`\r\n\r\n${minimal().replace(/\r\n/g, '\n')}`);
    expect(result.ok && result.message.callId).toBe('c1');
  });

  it('keeps UTF-8 in header values', () => {
    const result = parseSipMessage(minimal('Subject: Grüße, 日本\r\n'));
    expect(result.ok && result.message.headers.get('subject')).toBe('Grüße, 日本');
  });

  it('gives body and bytes as views of the input, not copies', () => {
    const body = 'hello';
    const text = minimal().replace('Content-Length: 0', `Content-Type: text/plain\r\nContent-Length: ${body.length}`) + body + 'trailing';
    const input = Buffer.from(text);
    const result = parseSipMessage(input);
    if (!result.ok) throw new Error(result.reason);
    expect(Buffer.from(result.message.body).toString()).toBe('hello');
    expect(result.message.body.buffer).toBe(input.buffer);
    expect(result.message.bytes.length).toBe(text.length - 'trailing'.length);
  });

  it('reports a header line without a colon with its byte offset', () => {
    const text = minimal('Garbage line\r\n');
    const result = parseSipMessage(text);
    expect(result).toEqual({ ok: false, reason: 'header line without a colon: `Garbage line`', offset: text.indexOf('Garbage') });
  });

  it('reports a missing Via and a bad From', () => {
    expect(parseSipMessage(minimal().replace(/Via:[^\n]*\n/, ''))).toMatchObject({ ok: false, reason: 'missing required header Via' });
    expect(parseSipMessage(minimal().replace('<sip:alice@example.com>', '<alice'))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^From: unclosed `<`/),
    });
  });

  it('does not read binary garbage as SIP', () => {
    const result = parseSipMessage(new Uint8Array([0x80, 0x00, 0x12, 0x34, 0x0d, 0x0a]));
    expect(result.ok).toBe(false);
    expect(parseSipMessage('').ok).toBe(false);
  });

  it('reads a response and its CSeq', () => {
    const result = parseSipMessage(minimal().replace('OPTIONS sip:bob@example.com SIP/2.0', 'SIP/2.0 486 Busy Here'));
    expect(result.ok && result.message.kind === 'response' && [result.message.status, result.message.reason]).toEqual([486, 'Busy Here']);
    expect(result.ok && result.message.cseq).toEqual({ seq: 1, method: 'OPTIONS' });
  });
});
