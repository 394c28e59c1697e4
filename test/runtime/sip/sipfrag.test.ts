import { describe, expect, it } from 'vitest';
import { parseSipfragStatus, sipfragOf } from '../../../runtime/sip/index.js';
import { fixtureMessage } from './message-fixture.js';

describe('sipfrag status', () => {
  it('reads the status line of a NOTIFY body', () => {
    expect(sipfragOf(fixtureMessage('notify-sipfrag.sip'))).toEqual({ ok: true, value: { status: 200, reason: 'OK' } });
  });

  it('reads provisional and failure statuses and tolerates leading blank lines', () => {
    expect(parseSipfragStatus('SIP/2.0 100 Trying\r\n')).toEqual({ ok: true, value: { status: 100, reason: 'Trying' } });
    expect(parseSipfragStatus('\r\nSIP/2.0 503 Service Unavailable\r\nRetry-After: 5\r\n')).toMatchObject({
      ok: true,
      value: { status: 503 },
    });
  });

  it('fails on a fragment without a status line', () => {
    expect(parseSipfragStatus('INVITE sip:a@b SIP/2.0\r\n')).toMatchObject({ ok: false });
  });

  it('is undefined for a body of another type', () => {
    expect(sipfragOf(fixtureMessage('invite-with-replaces.sip'))).toBeUndefined();
  });
});
