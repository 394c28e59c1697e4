import { describe, expect, it } from 'vitest';
import type { IncomingCall } from '../../../runtime/drachtio/incoming-call.js';
import { parseSdpDirection } from '../../../runtime/sip/sdp-direction.js';
import { offerInvite, PEER_SDP, peerRequest, peerSdp, settle } from './fake-drachtio.js';
import { answeredCall, dialogOf, portFixture, type PortFixture } from './port-fixture.js';

function takeCalls(f: PortFixture): IncomingCall[] {
  const calls: IncomingCall[] = [];
  f.port.takeCalls((call) => {
    calls.push(call);
    call.accept(f.owner);
  });
  return calls;
}

describe('DrachtioSipPort: new INVITEs', () => {
  it('refuses calls with 503 while nobody takes them', () => {
    const f = portFixture();
    offerInvite(f.srf);
    expect(f.agent.answersTo('INVITE').map((a) => a.status)).toEqual([503]);
  });

  it('offers the call with its Request-URI user and headers; answer is 200 with an SDP answer', async () => {
    const f = portFixture();
    const calls = takeCalls(f);
    offerInvite(f.srf, { uri: 'sip:4711@127.0.0.1;user=phone', callId: 'c1@peer', headers: { 'X-Flow': 'kalliope' } });
    expect(calls).toHaveLength(1);
    const call = calls[0];
    expect(call).toMatchObject({ dialogId: 'd1', callId: 'c1@peer', requestUser: '4711' });
    expect(call?.header('X-Flow')).toBe('kalliope');
    expect(f.port.answer(f.owner, 'd1')).toBeUndefined();
    await settle();
    const [answer] = f.agent.answersTo('INVITE');
    expect(answer?.status).toBe(200);
    expect(parseSdpDirection(answer?.body ?? '').direction).toBe('sendrecv');
    expect(dialogOf(f, 'd1')).toMatchObject({ phase: 'confirmed', coordinates: { callId: 'c1@peer', remoteTag: 'caller', localIdentity: 'sip:100@127.0.0.1' } });
  });

  it('a BYE in the same read from drachtio-server as the 200\'s confirmation is the leg\'s hangup', async () => {
    // Live: a caller hanging up at once after its ACK left the call up for ever, its BYE
    // handled by drachtio-srf before a promise continuation could listen to the dialog.
    const f = portFixture();
    takeCalls(f);
    f.srf.afterUasAnswer = (dialog) => peerRequest(dialog, 'BYE');
    offerInvite(f.srf);
    f.port.answer(f.owner, 'd1');
    await settle();
    expect(f.owner.heard('d1')).toEqual(['hangup']);
    expect(f.port.dialogs.get('d1')).toBeUndefined();
  });

  it('rejects with the flow\'s status, and a hangup before the answer is 480', () => {
    const f = portFixture();
    takeCalls(f);
    offerInvite(f.srf);
    offerInvite(f.srf);
    expect(f.port.reject(f.owner, 'd1', 486)).toBeUndefined();
    expect(f.port.hangup(f.owner, 'd2')).toBeUndefined();
    expect(f.agent.answersTo('INVITE').map((a) => a.status)).toEqual([486, 480]);
    expect(f.port.reject(f.owner, 'd1', 486)).toBeUndefined(); // ended: nothing to do
  });

  it('refuses a reject with a status that is not a failure', () => {
    const f = portFixture();
    takeCalls(f);
    offerInvite(f.srf);
    expect(f.port.reject(f.owner, 'd1', 200)).toMatchObject({ kind: 'portFailure' });
  });

  it('the caller\'s CANCEL is `cancelled`, the INVITE gets its 487, and a late answer does nothing', async () => {
    const f = portFixture();
    takeCalls(f);
    const { req } = offerInvite(f.srf);
    req.emit('cancel');
    expect(f.owner.heard('d1')).toEqual(['cancelled']);
    expect(f.agent.answersTo('INVITE').map((a) => a.status)).toEqual([487]);
    expect(f.port.answer(f.owner, 'd1')).toBeUndefined();
    await settle();
    expect(f.srf.uasAnswers).toHaveLength(0);
  });

  it('lets go of an INVITE once it has its final answer: drachtio-srf keeps the request for the dialog\'s life, so no CANCEL listener of ours stays on it', async () => {
    const f = portFixture();
    takeCalls(f);
    const answered = offerInvite(f.srf).req;
    const refused = offerInvite(f.srf).req;
    const listening = answered.listenerCount('cancel');
    expect(listening).toBeGreaterThan(0);
    expect(refused.listenerCount('cancel')).toBe(listening);
    f.port.answer(f.owner, 'd1');
    f.port.reject(f.owner, 'd2', 486);
    await settle();
    expect(dialogOf(f, 'd1')).toMatchObject({ phase: 'confirmed', offered: undefined });
    // The options createUAS keeps for the dialog's life let go of the answer once it is sent.
    expect(f.agent.answersTo('INVITE').find((a) => a.status === 200)?.body).toMatch(/^v=0/);
    expect(f.srf.uasAnswers[0]?.opts.localSdp).toBe('');
    expect(answered.listenerCount('cancel')).toBe(listening - 1);
    expect(refused.listenerCount('cancel')).toBe(listening - 1);
    // A CANCEL crossing the 200 finds nothing to cancel.
    answered.emit('cancel');
    expect(f.owner.heard('d1')).toEqual([]);
  });

  it('a handler that decides nothing gets the call refused with 500', () => {
    const f = portFixture();
    f.port.takeCalls(() => undefined);
    offerInvite(f.srf);
    expect(f.agent.answersTo('INVITE').map((a) => a.status)).toEqual([500]);
  });
});

describe('DrachtioSipPort: INVITE with Replaces (RFC 3891)', () => {
  async function replaceable(f: PortFixture) {
    const call = await answeredCall(f);
    const c = dialogOf(f, call.id).coordinates;
    if (c === undefined) throw new Error('not established');
    return { ...call, c };
  }

  it('moves the leg to the new INVITE under the same dialog id, signals `replaced`, and BYEs the old dialog once answered', async () => {
    const f = portFixture();
    takeCalls(f);
    const { id, sip, c } = await replaceable(f);
    // Replaces as the transferee's UA sees our dialog: to-tag ours (the INVITE comes to us), from-tag the peer's.
    offerInvite(f.srf, { callId: 'new@third', headers: { Replaces: `${c.callId};to-tag=${c.localTag};from-tag=${c.remoteTag}` }, body: peerSdp('sendrecv', 5) });
    expect(f.owner.heard(id)).toEqual(['answered', 'replaced']);
    expect(dialogOf(f, id).phase).toBe('offered');
    f.port.answer(f.owner, id);
    await settle();
    expect(f.agent.answersTo('INVITE').map((a) => a.status)).toEqual([200]);
    expect(f.agent.last('BYE').stackDialogId).toBe(sip.id);
    expect(dialogOf(f, id).coordinates?.callId).toBe('new@third');
  });

  it('accepts the tags in either order', async () => {
    const f = portFixture();
    takeCalls(f);
    const { id, c } = await replaceable(f);
    offerInvite(f.srf, { headers: { Replaces: `${c.callId};from-tag=${c.localTag};to-tag=${c.remoteTag}` } });
    expect(f.owner.heard(id)).toEqual(['answered', 'replaced']);
  });

  it('answers 481 for a dialog it does not have and 486 for early-only on a confirmed one', async () => {
    const f = portFixture();
    const calls = takeCalls(f);
    const { c } = await replaceable(f);
    offerInvite(f.srf, { headers: { Replaces: `nope@x;to-tag=${c.localTag};from-tag=${c.remoteTag}` } });
    offerInvite(f.srf, { headers: { Replaces: `${c.callId};to-tag=${c.localTag};from-tag=${c.remoteTag};early-only` } });
    offerInvite(f.srf, { headers: { Replaces: 'garbage' } });
    expect(f.agent.answersTo('INVITE').map((a) => a.status)).toEqual([481, 486, 400]);
    expect(calls).toHaveLength(0);
  });

  it('a refused replacement leaves the leg on its old dialog', async () => {
    const f = portFixture();
    takeCalls(f);
    const { id, sip, c } = await replaceable(f);
    offerInvite(f.srf, { headers: { Replaces: `${c.callId};to-tag=${c.localTag};from-tag=${c.remoteTag}` }, body: PEER_SDP });
    f.port.reject(f.owner, id, 603);
    expect(dialogOf(f, id)).toMatchObject({ phase: 'confirmed', sip });
  });
});
