import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DialogCoordinates } from '../../../runtime/drachtio/dialog-coordinates.js';
import { referredBy, referToReplacing, referToUri, replacesValue } from '../../../runtime/drachtio/replaces-header.js';
import { escapeUriHeaderValue } from '../../../runtime/drachtio/uri-header-escape.js';
import { parseReferTo } from '../../../runtime/sip/refer-to.js';
import { parseReplaces } from '../../../runtime/sip/replaces.js';

const dialog = (over: Partial<DialogCoordinates> = {}): DialogCoordinates => ({
  callId: '12345@192.168.118.3',
  localTag: '5FFE-3994',
  remoteTag: '12345',
  remoteTarget: 'sips:dave@denver.example.org',
  localIdentity: 'sip:bob@biloxi.example.org',
  ...over,
});

// RFC 3261 §25.1 `word` (Call-ID) and `token` (tags), without the characters that could not appear in a header anyway.
const WORD = [...'abcXYZ019-.!%*_+`\'~()<>:\\"/[]?{}'];
const TOKEN = [...'abcXYZ019-.!%*_+`\'~'];
const text = (chars: readonly string[]) => fc.array(fc.constantFrom(...chars), { minLength: 1, maxLength: 24 }).map((a) => a.join(''));

describe('Replaces and Refer-To', () => {
  it('writes Replaces from the peer\'s side: to-tag is our remote tag, from-tag our local tag (RFC 3891 §3)', () => {
    expect(replacesValue(dialog())).toBe('12345@192.168.118.3;to-tag=12345;from-tag=5FFE-3994');
  });

  it('escapes Replaces in Refer-To as RFC 5589 §7.1 shows', () => {
    expect(referToReplacing(dialog())).toBe('<sips:dave@denver.example.org?Replaces=12345%40192.168.118.3%3Bto-tag%3D12345%3Bfrom-tag%3D5FFE-3994>');
  });

  it('keeps URI parameters and existing headers of the target', () => {
    const value = referToReplacing(dialog({ remoteTarget: '<sip:gw@10.0.0.1:5080;transport=tcp?X-A=1>' }));
    expect(value).toBe('<sip:gw@10.0.0.1:5080;transport=tcp?X-A=1&Replaces=12345%40192.168.118.3%3Bto-tag%3D12345%3Bfrom-tag%3D5FFE-3994>');
    const parsed = parseReferTo(value);
    expect(parsed.ok && parsed.value.target.params.get('transport')).toBe('tcp');
    expect(parsed.ok && parsed.value.replaces).toMatchObject({ ok: true, value: { callId: '12345@192.168.118.3' } });
  });

  it('round-trips any Call-ID and tags through runtime/sip\'s Refer-To reader', () => {
    fc.assert(
      fc.property(text(WORD), text(WORD), text(TOKEN), text(TOKEN), (id, host, localTag, remoteTag) => {
        const callId = `${id}@${host}`;
        const parsed = parseReferTo(referToReplacing(dialog({ callId, localTag, remoteTag })));
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        expect(parsed.value.uri).toBe('sips:dave@denver.example.org');
        expect(parsed.value.replaces).toEqual({ ok: true, value: { callId, toTag: remoteTag, fromTag: localTag, earlyOnly: false } });
      }),
    );
  });

  it('Replaces as an INVITE header reads back with runtime/sip', () => {
    expect(parseReplaces(replacesValue(dialog()))).toEqual({ ok: true, value: { callId: '12345@192.168.118.3', toTag: '12345', fromTag: '5FFE-3994', earlyOnly: false } });
  });

  it('escapes everything outside hvalue, UTF-8 included, and keeps the rest', () => {
    expect(escapeUriHeaderValue('a;b=c@d%e f')).toBe('a%3Bb%3Dc%40d%25e%20f');
    expect(escapeUriHeaderValue("[]/?:+$-_.!~*'()")).toBe("[]/?:+$-_.!~*'()");
    expect(escapeUriHeaderValue('é')).toBe('%C3%A9');
  });

  it('puts blind targets and Referred-By in angle brackets', () => {
    expect(referToUri('sip:queue@pbx;user=phone')).toBe('<sip:queue@pbx;user=phone>');
    expect(referToUri('<sip:queue@pbx>')).toBe('<sip:queue@pbx>');
    expect(referredBy(dialog())).toBe('<sip:bob@biloxi.example.org>');
  });
});
