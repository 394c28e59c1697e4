import { describe, expect, it } from 'vitest';
import { parseReplaces, replacesOf } from '../../../runtime/sip/index.js';
import { fixtureMessage } from './message-fixture.js';

describe('Replaces', () => {
  it('reads call-id, to-tag and from-tag of an INVITE with Replaces', () => {
    expect(replacesOf(fixtureMessage('invite-with-replaces.sip'))).toEqual({
      ok: true,
      value: { callId: 'consult-b@10.0.0.2', toTag: 'expert-tag-9', fromTag: 'agent-tag-2', earlyOnly: false },
    });
  });

  it('reads parameters in any order, with LWS, and early-only', () => {
    expect(parseReplaces('98732@sip.example.com ; from-tag = r33th4x0r ; to-tag=ff87ff ;early-only')).toEqual({
      ok: true,
      value: { callId: '98732@sip.example.com', toTag: 'ff87ff', fromTag: 'r33th4x0r', earlyOnly: true },
    });
  });

  it('fails on a missing tag or Call-ID', () => {
    expect(parseReplaces('abc;to-tag=1')).toMatchObject({ ok: false, reason: expect.stringMatching(/from-tag/) });
    expect(parseReplaces(';to-tag=1;from-tag=2')).toMatchObject({ ok: false, reason: expect.stringMatching(/no Call-ID/) });
  });

  it('is undefined on a message without Replaces', () => {
    expect(replacesOf(fixtureMessage('refer-with-replaces.sip'))).toBeUndefined();
  });
});
