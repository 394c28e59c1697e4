import { describe, expect, it } from 'vitest';
import { parseSdpDirection } from '../../../runtime/sip/sdp-direction.js';
import { peerRequest, peerSdp, settle } from './fake-drachtio.js';
import { answeredCall, portFixture } from './port-fixture.js';

describe('DrachtioSipPort: the peer\'s requests in a dialog', () => {
  it('BYE is `hangup`', async () => {
    const f = portFixture();
    const { id, sip } = await answeredCall(f);
    peerRequest(sip, 'BYE');
    expect(f.owner.heard(id)).toEqual(['answered', 'hangup']);
    expect(f.agent.answersTo('BYE').map((a) => a.status)).toEqual([200]);
    expect(f.port.dialogs.get(id)).toBeUndefined();
  });

  it('INFO with DTMF is `dtmf`, 10 and 11 are * and #, other INFO is `info(body)`', async () => {
    const f = portFixture();
    const { id, sip } = await answeredCall(f);
    peerRequest(sip, 'INFO', { body: 'Signal=5\r\nDuration=160\r\n', contentType: 'application/dtmf-relay' });
    peerRequest(sip, 'INFO', { body: '11', contentType: 'application/dtmf' });
    peerRequest(sip, 'INFO', { body: 'Signal=10\r\n', contentType: 'application/dtmf-relay' });
    peerRequest(sip, 'INFO', { body: '{"a":1}', contentType: 'application/json' });
    peerRequest(sip, 'INFO', { body: 'Duration=160\r\n', contentType: 'application/dtmf-relay' });
    await settle();
    expect(f.owner.signals.filter((s) => s.dialog === id).map((s) => s.signal).slice(1)).toEqual([
      { type: 'dtmf', digits: '5' },
      { type: 'dtmf', digits: '#' },
      { type: 'dtmf', digits: '*' },
      { type: 'info', body: '{"a":1}' },
    ]);
    expect(f.agent.answersTo('INFO').map((a) => a.status)).toEqual([200, 200, 200, 200, 400]);
  });

  it('REFER is answered 202 (not the library\'s 200) and becomes `refer(to)` without the URI headers', async () => {
    const f = portFixture();
    const { id, sip } = await answeredCall(f);
    peerRequest(sip, 'REFER', { headers: { 'Refer-To': '<sip:ext@gw.example?Replaces=a%40b%3Bto-tag%3D1%3Bfrom-tag%3D2>', 'Referred-By': '<sip:agent@pbx>' } });
    peerRequest(sip, 'REFER', { headers: { r: '<sip:compact@gw.example>' } });
    peerRequest(sip, 'REFER');
    await settle();
    expect(f.agent.answersTo('REFER').map((a) => a.status)).toEqual([202, 202, 400]);
    expect(f.owner.signals.filter((s) => s.signal.type === 'refer').map((s) => s.signal)).toEqual([
      { type: 'refer', to: 'sip:ext@gw.example' },
      { type: 'refer', to: 'sip:compact@gw.example' },
    ]);
    expect(f.owner.heard(id)).toContain('refer');
  });

  it('NOTIFY of the refer package with a sipfrag is `notify(status)`; other NOTIFYs are answered and dropped', async () => {
    const f = portFixture();
    const { sip } = await answeredCall(f);
    peerRequest(sip, 'NOTIFY', { headers: { Event: 'refer', 'Subscription-State': 'active' }, body: 'SIP/2.0 100 Trying\r\n', contentType: 'message/sipfrag;version=2.0' });
    peerRequest(sip, 'NOTIFY', { headers: { o: 'refer;id=7', 'Subscription-State': 'terminated' }, body: 'SIP/2.0 200 OK\r\n', contentType: 'message/sipfrag' });
    peerRequest(sip, 'NOTIFY', { headers: { Event: 'dialog' }, body: '<xml/>', contentType: 'application/dialog-info+xml' });
    peerRequest(sip, 'NOTIFY', { headers: { Event: 'refer' }, body: 'garbage', contentType: 'message/sipfrag' });
    await settle();
    expect(f.owner.signals.filter((s) => s.signal.type === 'notify').map((s) => s.signal)).toEqual([
      { type: 'notify', status: 100 },
      { type: 'notify', status: 200 },
    ]);
    expect(f.agent.answersTo('NOTIFY').map((a) => a.status)).toEqual([200, 200, 200, 400]);
  });

  it('a re-INVITE putting us on hold is `held` once, answered recvonly; sendrecv again is `resumed`; a refresh is nothing', async () => {
    const f = portFixture();
    const { id, sip } = await answeredCall(f);
    peerRequest(sip, 'INVITE', { body: peerSdp('sendonly', 3), cseq: 2 });
    await settle();
    peerRequest(sip, 'INVITE', { body: peerSdp('inactive', 4), cseq: 3 });
    await settle();
    peerRequest(sip, 'INVITE', { body: peerSdp('sendrecv', 5), cseq: 4 });
    await settle();
    peerRequest(sip, 'INVITE', { body: peerSdp('sendrecv', 5), cseq: 5 });
    await settle();
    expect(f.owner.heard(id)).toEqual(['answered', 'held', 'resumed']);
    const answers = f.agent.answersTo('INVITE');
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(answers.map((a) => parseSdpDirection(a.body ?? '').direction)).toEqual(['recvonly', 'inactive', 'sendrecv', 'sendrecv']);
  });

  it('an established dialog has listeners for BYE and re-INVITE only: INFO, REFER and NOTIFY are taken before drachtio-srf\'s handle and still reach the flow', async () => {
    // Each event name is an entry in the dialog's listener table, kept as long as the call.
    const f = portFixture();
    const { id, sip } = await answeredCall(f);
    expect(['destroy', 'modify', 'info', 'refer', 'notify'].map((event) => sip.listenerCount(event))).toEqual([1, 1, 0, 0, 0]);
    peerRequest(sip, 'INFO', { body: '7', contentType: 'application/dtmf' });
    peerRequest(sip, 'REFER', { headers: { 'Refer-To': '<sip:ext@gw.example>' } });
    peerRequest(sip, 'NOTIFY', { headers: { Event: 'refer' }, body: 'SIP/2.0 180 Ringing\r\n', contentType: 'message/sipfrag' });
    peerRequest(sip, 'OPTIONS');
    await settle();
    expect(f.owner.heard(id)).toEqual(['answered', 'notify', 'dtmf', 'refer']);
    expect(['INFO', 'REFER', 'NOTIFY', 'OPTIONS'].map((method) => f.agent.answersTo(method).map((a) => a.status))).toEqual([[200], [202], [200], [200]]);
  });

  it('a peer re-INVITE while ours waits for its answer is glare: 491', async () => {
    const f = portFixture();
    const { id, sip } = await answeredCall(f);
    f.port.hold(f.owner, id);
    await settle();
    peerRequest(sip, 'INVITE', { body: peerSdp('sendonly', 3), cseq: 2 });
    await settle();
    expect(f.agent.answersTo('INVITE').map((a) => a.status)).toEqual([491]);
    expect(f.owner.heard(id)).toEqual(['answered']);
  });
});
