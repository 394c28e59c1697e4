import { beforeAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../runtime/clock/virtual-clock.js';
import type { SipEffect } from '../../../runtime/simulate/expectation.js';
import { expectationOf } from '../../../runtime/simulate/expectation.js';
import { matchExpectation, sameDialog } from '../../../runtime/simulate/expectation-match.js';
import { ReplayCall } from '../../../runtime/simulate/replay-call.js';
import { createReplayPorts } from '../../../runtime/simulate/replay-ports.js';
import { TraceDialog } from '../../../runtime/simulate/trace-dialog.js';
import type { SipMessage } from '../../../runtime/sip/index.js';
import { externalTransfer } from './fixtures.js';
import { sdpBody, sipRequest, sipResponse } from './sip-text.js';

const AT = { line: 1, column: 1 };
let call: ReplayCall;
let external: TraceDialog;
let customer: TraceDialog;

/** A confirmed dialog the flow side dialled: its tag `local`, the peer's `remote`. */
function confirmed(callId: string, local: string, remote: string): TraceDialog {
  const d = new TraceDialog(callId, true, 1, sipRequest('INVITE', { callId, from: `<sip:mpp@10.0.0.1>;tag=${local}`, to: '<sip:x@10.0.0.2>' }));
  d.noteTags(sipResponse('200 OK', { callId, from: `<sip:mpp@10.0.0.1>;tag=${local}`, to: `<sip:x@10.0.0.2>;tag=${remote}` }));
  d.answered = true;
  d.final = true;
  return d;
}

beforeAll(async () => {
  const { machine } = await externalTransfer();
  call = new ReplayCall(1, machine, { ports: createReplayPorts(), clock: new VirtualClock() }, {});
  external = confirmed('ext@10.0.0.1', 'mine4', 'theirs13');
  customer = confirmed('cust@10.0.0.1', 'mine3', 'theirs12');
  call.bind('external', external, 'dialed');
  call.bind('customer', customer, 'dialed');
});

function match(effect: SipEffect, message: SipMessage, dialog: TraceDialog | undefined) {
  const expectation = expectationOf(effect, call, 1, 0);
  if (expectation === undefined) throw new Error('no expectation');
  return matchExpectation(expectation, message, dialog);
}

describe('sameDialog (Replaces names a dialog by Call-ID and both tags)', () => {
  it('accepts the tags in either order, as either end of the dialog sees them', () => {
    expect(sameDialog({ callId: 'cust@10.0.0.1', toTag: 'theirs12', fromTag: 'mine3', earlyOnly: false }, customer, 'Replaces')).toBeUndefined();
    expect(sameDialog({ callId: 'cust@10.0.0.1', toTag: 'mine3', fromTag: 'theirs12', earlyOnly: false }, customer, 'Replaces')).toBeUndefined();
  });

  it('refuses another Call-ID, a foreign tag, or one tag twice', () => {
    expect(sameDialog({ callId: 'other', toTag: 'theirs12', fromTag: 'mine3', earlyOnly: false }, customer, 'Replaces')).toContain('Call-ID `other`');
    expect(sameDialog({ callId: 'cust@10.0.0.1', toTag: 'theirs99', fromTag: 'mine3', earlyOnly: false }, customer, 'Replaces')).toContain('theirs99');
    expect(sameDialog({ callId: 'cust@10.0.0.1', toTag: 'mine3', fromTag: 'mine3', earlyOnly: false }, customer, 'Replaces')).toBeDefined();
  });
});

describe('matchExpectation', () => {
  const referReplacing: SipEffect = { kind: 'referReplacing', leg: 'external', replacing: 'customer', at: AT };
  const refer = (referTo: string) => sipRequest('REFER', { callId: 'ext@10.0.0.1', extra: [`Refer-To: ${referTo}`] });

  it('an attended REFER must embed the replacing leg\'s current dialog', () => {
    expect(match(referReplacing, refer('<sip:c@gw?Replaces=cust%4010.0.0.1%3Bto-tag%3Dtheirs12%3Bfrom-tag%3Dmine3>'), external)).toEqual({ kind: 'match' });
    expect(match(referReplacing, refer('<sip:c@gw?Replaces=ext%4010.0.0.1%3Bto-tag%3Dtheirs13%3Bfrom-tag%3Dmine4>'), external)).toMatchObject({ kind: 'mismatch' });
    expect(match(referReplacing, refer('<sip:c@gw>'), external)).toMatchObject({ kind: 'mismatch', detail: expect.stringContaining('blind') });
    // On the customer's dialog it is not this expectation's message at all.
    expect(match(referReplacing, sipRequest('REFER', { callId: 'cust@10.0.0.1', extra: ['Refer-To: <sip:c@gw>'] }), customer)).toBeUndefined();
  });

  it('a blind REFER compares the Refer-To user and refuses an embedded Replaces', () => {
    const blind: SipEffect = { kind: 'refer', leg: 'external', to: 'sip:+1555@gw', at: AT };
    expect(match(blind, refer('<sip:+1555@other-host>'), external)).toEqual({ kind: 'match' });
    expect(match(blind, refer('<sip:+1666@gw>'), external)).toMatchObject({ kind: 'mismatch', detail: expect.stringContaining('+1666') });
    expect(match(blind, refer('<sip:+1555@gw?Replaces=a%3Bto-tag%3Db%3Bfrom-tag%3Dc>'), external)).toMatchObject({ kind: 'mismatch' });
  });

  it('hold needs sendonly, inactive or c=0.0.0.0; unhold needs sendrecv', () => {
    const hold: SipEffect = { kind: 'hold', leg: 'customer', at: AT };
    const unhold: SipEffect = { kind: 'unhold', leg: 'customer', at: AT };
    const reinvite = (direction: string, connection?: string) =>
      sipRequest('INVITE', { callId: 'cust@10.0.0.1', from: '<sip:mpp@10.0.0.1>;tag=mine3', to: '<sip:x@10.0.0.2>;tag=theirs12', cseq: '2 INVITE', body: sdpBody(direction, connection) });
    expect(match(hold, reinvite('sendonly'), customer)).toEqual({ kind: 'match' });
    expect(match(hold, reinvite('inactive'), customer)).toEqual({ kind: 'match' });
    expect(match(hold, reinvite('sendrecv', '0.0.0.0'), customer)).toEqual({ kind: 'match' });
    expect(match(hold, reinvite('sendrecv'), customer)).toMatchObject({ kind: 'mismatch' });
    expect(match(unhold, reinvite('sendrecv'), customer)).toEqual({ kind: 'match' });
    expect(match(unhold, reinvite('recvonly'), customer)).toMatchObject({ kind: 'mismatch' });
  });

  it('notify checks Event: refer, the sipfrag status and that a final status ends the subscription', () => {
    const notify: SipEffect = { kind: 'notify', leg: 'external', status: 200, at: AT };
    const message = (event: string, frag: string, state: string) =>
      sipRequest('NOTIFY', { callId: 'ext@10.0.0.1', extra: [`Event: ${event}`, `Subscription-State: ${state}`], body: ['message/sipfrag', `SIP/2.0 ${frag}\r\n`] });
    expect(match(notify, message('refer', '200 OK', 'terminated;reason=noresource'), external)).toEqual({ kind: 'match' });
    expect(match(notify, message('refer', '200 OK', 'active;expires=60'), external)).toMatchObject({ kind: 'mismatch', detail: expect.stringContaining('terminated') });
    expect(match(notify, message('refer', '180 Ringing', 'active'), external)).toMatchObject({ kind: 'mismatch', detail: expect.stringContaining('180') });
    expect(match(notify, message('dialog', '200 OK', 'terminated'), external)).toMatchObject({ kind: 'mismatch' });
  });

  it('hangup of an INVITE the flow side sent that is still unanswered may be its CANCEL', () => {
    const early = new TraceDialog('early@10.0.0.1', true, 1, sipRequest('INVITE', { callId: 'early@10.0.0.1', to: '<sip:x@10.0.0.2>' }));
    call.bind('agent', early, 'dialed');
    const hangup: SipEffect = { kind: 'hangup', leg: 'agent', at: AT };
    expect(match(hangup, sipRequest('CANCEL', { callId: 'early@10.0.0.1', to: '<sip:x@10.0.0.2>' }), early)).toEqual({ kind: 'match' });
    expect(match(hangup, sipRequest('BYE', { callId: 'early@10.0.0.1' }), early)).toEqual({ kind: 'match' });
  });

  it('a takeover INVITE is met with `Require: replaces` in any Require line or list element; without it, met with a warning', () => {
    const takeover: SipEffect = { kind: 'takeover', leg: 'customer', at: AT };
    const invite = (...require: string[]) =>
      sipRequest('INVITE', { callId: 'new@10.0.0.1', to: '<sip:b@10.0.0.2>', extra: ['Replaces: cust@10.0.0.1;to-tag=theirs12;from-tag=mine3', ...require] });
    const warned = { kind: 'match', warning: 'INVITE with Replaces lacks `Require: replaces` (RFC 3891 §4)' };
    expect(match(takeover, invite('Require: replaces'), undefined)).toEqual({ kind: 'match' });
    expect(match(takeover, invite('Require: timer, Replaces'), undefined)).toEqual({ kind: 'match' });
    expect(match(takeover, invite('Require: timer', 'Require: replaces'), undefined)).toEqual({ kind: 'match' });
    expect(match(takeover, invite('Require: timer', 'Require: 100rel'), undefined)).toEqual(warned);
    expect(match(takeover, invite(), undefined)).toEqual(warned);
  });

  it('no expectation at all for effects on a leg whose dialog ended (the stack would send nothing)', () => {
    const ended = confirmed('gone@10.0.0.1', 'a', 'b');
    ended.ended = true;
    call.bind('external', ended, 'dialed');
    expect(expectationOf({ kind: 'hangup', leg: 'external', at: AT }, call, 1, 0)).toBeUndefined();
    call.bind('external', external, 'dialed');
  });
});
