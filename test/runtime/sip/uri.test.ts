import { describe, expect, it } from 'vitest';
import { parseUri, unescapePercent } from '../../../runtime/sip/index.js';

describe('parseUri', () => {
  it('reads every part of a SIP URI', () => {
    expect(parseUri('sips:alice:secret@[2001:db8::1]:5061;transport=tcp;lr?Subject=hi%20there&Priority=urgent')).toEqual({
      ok: true,
      value: {
        scheme: 'sips',
        user: 'alice',
        password: 'secret',
        host: '[2001:db8::1]',
        port: 5061,
        params: new Map([
          ['transport', 'tcp'],
          ['lr', ''],
        ]),
        headers: new Map([
          ['Subject', 'hi there'],
          ['Priority', 'urgent'],
        ]),
      },
    });
  });

  it('reads tel: numbers and keeps other schemes opaque', () => {
    expect(parseUri('tel:+1-201-555-0123;phone-context=example.com')).toMatchObject({ ok: true, value: { user: '+1-201-555-0123' } });
    expect(parseUri('urn:service:sos')).toMatchObject({ ok: true, value: { scheme: 'urn', user: undefined } });
  });

  it('fails on text that is not a URI', () => {
    expect(parseUri('alice@example.com').ok).toBe(false);
    expect(parseUri('sip:').ok).toBe(false);
    expect(parseUri('sip:a@b:99999').ok).toBe(false);
    expect(parseUri('sip:a b@c').ok).toBe(false);
  });

  it('unescapes UTF-8 and leaves a lone % alone', () => {
    expect(unescapePercent('%E6%97%A5%20100%')).toBe('日 100%');
    expect(unescapePercent('a+b%zz')).toBe('a+b%zz');
  });
});
