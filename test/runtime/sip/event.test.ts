import { describe, expect, it } from 'vitest';
import { eventOf, parseEventHeader, parseSubscriptionState, subscriptionStateOf } from '../../../runtime/sip/index.js';
import { fixtureMessage } from './message-fixture.js';

describe('Event and Subscription-State', () => {
  it('reads the NOTIFY of a REFER (compact Event `o`)', () => {
    const notify = fixtureMessage('notify-sipfrag.sip');
    expect(eventOf(notify)).toMatchObject({ ok: true, value: { package: 'refer', id: '3' } });
    expect(subscriptionStateOf(notify)).toMatchObject({
      ok: true,
      value: { state: 'terminated', reason: 'noresource', expires: undefined },
    });
  });

  it('reads expires and retry-after', () => {
    expect(parseSubscriptionState('Active ;expires= 60')).toMatchObject({ ok: true, value: { state: 'active', expires: 60 } });
    expect(parseSubscriptionState('terminated;reason=probation;retry-after=30')).toMatchObject({
      ok: true,
      value: { reason: 'probation', retryAfter: 30 },
    });
  });

  it('fails on an empty value', () => {
    expect(parseEventHeader(';id=1')).toMatchObject({ ok: false });
    expect(parseSubscriptionState('')).toMatchObject({ ok: false });
  });

  it('is undefined when the header is absent', () => {
    expect(eventOf(fixtureMessage('refer-with-replaces.sip'))).toBeUndefined();
  });
});
