import { describe, expect, it } from 'vitest';
import { DIAL_TIMEOUT_STATUS, readPeerRequest, readPeerResponse } from '../../../runtime/simulate/peer-message.js';
import { TraceDialog } from '../../../runtime/simulate/trace-dialog.js';
import { sdpBody, sipRequest, sipResponse } from './sip-text.js';

/** A dialog the flow side dialled (its INVITE sent, CSeq 1). */
function dialed(): TraceDialog {
  const d = new TraceDialog('d1@10.0.0.1', true, 1, sipRequest('INVITE', { to: '<sip:b@10.0.0.2>' }));
  d.flowSent.add(1, 'INVITE');
  return d;
}

/** A dialog offered to the flow side (the peer's INVITE). */
function offered(): TraceDialog {
  return new TraceDialog('d1@10.0.0.1', false, 1, sipRequest('INVITE', { to: '<sip:b@10.0.0.2>' }));
}

describe('answers to the flow side\'s INVITE', () => {
  it('180, 183 and the first 2xx are ringing, early and answered; 100 and a second 2xx are nothing', () => {
    const d = dialed();
    expect(readPeerResponse(sipResponse('100 Trying', { to: '<sip:b@10.0.0.2>' }), d)).toMatchObject({ kind: 'none' });
    expect(readPeerResponse(sipResponse('180 Ringing'), d)).toEqual({ kind: 'signal', signal: { type: 'ringing' } });
    expect(readPeerResponse(sipResponse('183 Session Progress'), d)).toEqual({ kind: 'signal', signal: { type: 'early' } });
    expect(d.uasTag).toBe('uas');
    expect(readPeerResponse(sipResponse('200 OK'), d)).toEqual({ kind: 'signal', signal: { type: 'answered' } });
    expect(d).toMatchObject({ answered: true, final: true, ended: false });
    expect(readPeerResponse(sipResponse('200 OK'), d)).toMatchObject({ kind: 'none' });
  });

  it('a final failure is failed(status); 487 after the flow\'s CANCEL is cancelled, after a dial timeout failed(408)', () => {
    const busy = dialed();
    expect(readPeerResponse(sipResponse('486 Busy Here'), busy)).toEqual({ kind: 'signal', signal: { type: 'failed', status: 486 } });
    expect(busy.ended).toBe(true);

    const cancelled = dialed();
    cancelled.flowCancelled = true;
    expect(readPeerResponse(sipResponse('487 Request Terminated'), cancelled)).toEqual({ kind: 'signal', signal: { type: 'cancelled' } });

    const timedOut = dialed();
    timedOut.flowCancelled = true;
    timedOut.timedOut = true;
    expect(readPeerResponse(sipResponse('487 Request Terminated'), timedOut)).toEqual({ kind: 'signal', signal: { type: 'failed', status: DIAL_TIMEOUT_STATUS } });
    expect(DIAL_TIMEOUT_STATUS).toBe(408);
  });

  it('the answer to a re-INVITE is nothing', () => {
    const d = dialed();
    d.flowSent.add(2, 'INVITE');
    expect(readPeerResponse(sipResponse('200 OK', { cseq: '2 INVITE' }), d)).toMatchObject({ kind: 'none' });
  });
});

describe('answers to the flow side\'s REFER', () => {
  it('2xx is referAccepted, >= 300 referRejected(status)', () => {
    const d = dialed();
    d.flowSent.add(2, 'REFER');
    expect(readPeerResponse(sipResponse('202 Accepted', { cseq: '2 REFER' }), d)).toEqual({ kind: 'signal', signal: { type: 'referAccepted' } });
    expect(readPeerResponse(sipResponse('603 Decline', { cseq: '2 REFER' }), d)).toEqual({ kind: 'signal', signal: { type: 'referRejected', status: 603 } });
  });

  it('an answer to a request the flow side never sent is a problem, not an event', () => {
    const reading = readPeerResponse(sipResponse('202 Accepted', { cseq: '7 REFER' }), dialed());
    expect(reading).toEqual({ kind: 'problem', reason: '202 REFER answers a REFER (CSeq 7) the flow side did not send in this trace' });
  });
});

describe('requests from the peer', () => {
  it('BYE is hangup, or replaced on a dialog a takeover superseded', () => {
    const d = dialed();
    expect(readPeerRequest(sipRequest('BYE', { from: '<sip:b@10.0.0.2>;tag=uas', to: '<sip:a@10.0.0.1>;tag=uac' }), d)).toEqual({ kind: 'signal', signal: { type: 'hangup' } });
    expect(d.ended).toBe(true);
    const old = dialed();
    old.superseded = true;
    expect(readPeerRequest(sipRequest('BYE'), old)).toEqual({ kind: 'signal', signal: { type: 'replaced' } });
  });

  it('CANCEL of an offered INVITE not yet answered is cancelled', () => {
    const d = offered();
    expect(readPeerRequest(sipRequest('CANCEL', { to: '<sip:b@10.0.0.2>', cseq: '1 CANCEL' }), d)).toEqual({ kind: 'signal', signal: { type: 'cancelled' } });
    expect(d).toMatchObject({ peerCancelled: true, ended: true });
  });

  it('re-INVITEs: sendonly or inactive is held, then sendrecv is resumed; a refresh is nothing', () => {
    const d = dialed();
    const reinvite = (direction: string, connection?: string) => sipRequest('INVITE', { cseq: '5 INVITE', body: sdpBody(direction, connection) });
    expect(readPeerRequest(reinvite('sendrecv'), d)).toMatchObject({ kind: 'none' });
    expect(readPeerRequest(reinvite('inactive'), d)).toEqual({ kind: 'signal', signal: { type: 'held' } });
    expect(readPeerRequest(reinvite('sendonly'), d)).toMatchObject({ kind: 'none' });
    expect(readPeerRequest(reinvite('sendrecv'), d)).toEqual({ kind: 'signal', signal: { type: 'resumed' } });
    expect(readPeerRequest(reinvite('sendrecv', '0.0.0.0'), d)).toEqual({ kind: 'signal', signal: { type: 'held' } });
  });

  it('INFO with dtmf-relay or dtmf is dtmf(digits) (events 10 and 11 are * and #); other INFO is info(body)', () => {
    const d = dialed();
    const info = (type: string, text: string) => readPeerRequest(sipRequest('INFO', { body: [type, text] }), d);
    expect(info('application/dtmf-relay', 'Signal=5\r\nDuration=160\r\n')).toEqual({ kind: 'signal', signal: { type: 'dtmf', digits: '5' } });
    expect(info('application/dtmf-relay', 'Signal= 11\r\n')).toEqual({ kind: 'signal', signal: { type: 'dtmf', digits: '#' } });
    expect(info('application/dtmf', '10')).toEqual({ kind: 'signal', signal: { type: 'dtmf', digits: '*' } });
    expect(info('application/json', '{"x":1}')).toEqual({ kind: 'signal', signal: { type: 'info', body: '{"x":1}' } });
    expect(info('application/dtmf-relay', 'Duration=160')).toMatchObject({ kind: 'problem' });
  });

  it('REFER is refer(to) with the Refer-To URI; NOTIFY (Event: refer) is notify(sipfrag status)', () => {
    const d = dialed();
    expect(readPeerRequest(sipRequest('REFER', { extra: ['Refer-To: <sip:+1555@gw?Replaces=x%3Bto-tag%3Da%3Bfrom-tag%3Db>'] }), d)).toEqual({
      kind: 'signal',
      signal: { type: 'refer', to: 'sip:+1555@gw' },
    });
    const notify = (event: string, body: readonly [string, string] | undefined) => readPeerRequest(sipRequest('NOTIFY', { extra: [`Event: ${event}`], ...(body === undefined ? {} : { body }) }), d);
    expect(notify('refer;id=2', ['message/sipfrag;version=2.0', 'SIP/2.0 180 Ringing\r\n'])).toEqual({ kind: 'signal', signal: { type: 'notify', status: 180 } });
    expect(notify('dialog', ['application/dialog-info+xml', '<x/>'])).toMatchObject({ kind: 'none' });
    expect(notify('refer', undefined)).toMatchObject({ kind: 'problem' });
  });
});
