import { describe, expect, it } from 'vitest';
import { parseReferTo, referToOf } from '../../../runtime/sip/index.js';
import { fixtureMessage } from './message-fixture.js';

describe('Refer-To', () => {
  it('reads the target and the escaped Replaces of an attended transfer (compact form r)', () => {
    const referTo = referToOf(fixtureMessage('refer-with-replaces.sip'));
    if (referTo === undefined || !referTo.ok) throw new Error('no Refer-To');
    expect(referTo.value.uri).toBe('sip:expert@10.0.0.3');
    expect(referTo.value.target.user).toBe('expert');
    expect(referTo.value.replaces).toEqual({
      ok: true,
      value: { callId: 'consult-b@10.0.0.2', toTag: 'expert-tag-9', fromTag: 'agent-tag-2', earlyOnly: false },
    });
  });

  it('a blind transfer has no Replaces', () => {
    const referTo = parseReferTo('<sip:queue@example.com>;method=INVITE');
    expect(referTo.ok && referTo.value.replaces).toBeUndefined();
    expect(referTo.ok && referTo.value.params.get('method')).toBe('INVITE');
  });

  it('undoes a second layer of escaping', () => {
    const referTo = parseReferTo('<sip:b@h?Replaces=abc%2540h%253Bto-tag%253D1%253Bfrom-tag%253D2>');
    expect(referTo.ok && referTo.value.replaces).toMatchObject({ ok: true, value: { callId: 'abc@h', toTag: '1', fromTag: '2' } });
  });

  it('reports a Replaces without tags instead of inventing them', () => {
    const referTo = parseReferTo('<sip:b@h?Replaces=abc%40h>');
    expect(referTo.ok && referTo.value.replaces).toMatchObject({ ok: false, reason: expect.stringMatching(/lacks to-tag/) });
  });

  it('rejects text that is not a URI', () => {
    expect(parseReferTo('<>')).toMatchObject({ ok: false });
  });

  it('is undefined on a message without Refer-To', () => {
    expect(referToOf(fixtureMessage('notify-sipfrag.sip'))).toBeUndefined();
  });
});
