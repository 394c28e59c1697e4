import { describe, expect, it } from 'vitest';
import { parseReferTo } from '../../../runtime/sip/refer-to.js';
import { parseSipfragStatus } from '../../../runtime/sip/sipfrag.js';
import { peerRequest, settle } from './fake-drachtio.js';
import { answeredCall, dialogOf, portFixture } from './port-fixture.js';

describe('DrachtioSipPort: REFER and NOTIFY', () => {
  it('a blind REFER goes through dialog.request with Refer-To and Referred-By; 202 is referAccepted', async () => {
    const f = portFixture();
    const { id, sip } = await answeredCall(f);
    f.port.refer(f.owner, id, 'sip:queue@pbx.example');
    await settle();
    const refer = f.agent.last('REFER');
    expect(refer.stackDialogId).toBe(sip.id);
    expect(refer.headers).toEqual({ 'Refer-To': '<sip:queue@pbx.example>', 'Referred-By': '<sip:flowc@127.0.0.1>' });
    f.agent.respond(refer, 202);
    await settle();
    expect(f.owner.heard(id)).toEqual(['answered', 'referAccepted']);
  });

  it('a refused REFER is referRejected(status)', async () => {
    const f = portFixture();
    const { id } = await answeredCall(f);
    f.port.refer(f.owner, id, 'sip:queue@pbx.example');
    await settle();
    f.agent.respond(f.agent.last('REFER'), 603);
    await settle();
    expect(f.owner.signals.at(-1)?.signal).toEqual({ type: 'referRejected', status: 603 });
  });

  it('an attended REFER names the other dialog\'s peer with an escaped Replaces that runtime/sip reads back', async () => {
    const f = portFixture();
    const customer = await answeredCall(f, 'sip:customer@gw.example');
    const external = await answeredCall(f, 'sip:external@gw.example');
    f.port.referReplacing(f.owner, external.id, customer.id);
    await settle();
    const refer = f.agent.last('REFER');
    expect(refer.stackDialogId).toBe(external.sip.id);
    const value = refer.headers['Refer-To'] ?? '';
    expect(value).toBe('<sip:peer@127.0.0.2:5060?Replaces=uac-1%40127.0.0.1%3Bto-tag%3Dpeer1%3Bfrom-tag%3Dapp1>');
    const parsed = parseReferTo(value);
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.value.replaces).toEqual({ ok: true, value: { callId: 'uac-1@127.0.0.1', toTag: 'peer1', fromTag: 'app1', earlyOnly: false } });
    const c = dialogOf(f, customer.id).coordinates;
    expect(c).toMatchObject({ callId: 'uac-1@127.0.0.1', remoteTag: 'peer1', localTag: 'app1' });
  });

  it('refuses an attended REFER naming a dialog that is not up', async () => {
    const f = portFixture();
    const external = await answeredCall(f);
    f.port.dial(f.owner, { leg: 'c', to: 'sip:c@x', headers: {} });
    expect(f.port.referReplacing(f.owner, external.id, 'd2')).toMatchObject({ kind: 'portFailure' });
    await settle();
  });

  it('`notify` after a peer\'s REFER sends NOTIFY Event: refer;id=<REFER CSeq> with a sipfrag, terminated on a final status', async () => {
    const f = portFixture();
    const { id, sip } = await answeredCall(f);
    peerRequest(sip, 'REFER', { headers: { 'Refer-To': '<sip:x@y>' }, cseq: 31 });
    await settle();
    f.port.notify(f.owner, id, 100);
    f.port.notify(f.owner, id, 200);
    await settle();
    const [trying] = f.agent.sent.filter((s) => s.method === 'NOTIFY');
    expect(trying?.headers).toMatchObject({ Event: 'refer;id=31', 'Subscription-State': 'active;expires=60', 'Content-Type': 'message/sipfrag;version=2.0' });
    expect(parseSipfragStatus(trying?.body ?? '')).toEqual({ ok: true, value: { status: 100, reason: 'Trying' } });
    if (trying !== undefined) f.agent.respond(trying, 200);
    await settle();
    const final = f.agent.last('NOTIFY');
    expect(final.headers['Subscription-State']).toBe('terminated;reason=noresource');
    expect(final.body).toBe('SIP/2.0 200 OK\r\n');
  });
});

describe('DrachtioSipPort: takeover (INVITE with Replaces)', () => {
  it('sends an INVITE to the peer\'s Contact with Replaces and Require: replaces; the peer\'s BYE on the old dialog is `replaced` on the new one', async () => {
    const f = portFixture();
    const customer = await answeredCall(f, 'sip:customer@gw.example');
    const taken = f.port.takeover(f.owner, 'customer', customer.id);
    expect(taken).toBe('d2');
    await settle();
    const uac = f.srf.lastUac();
    expect(uac.uri).toBe('sip:peer@127.0.0.2:5060');
    expect(uac.headers).toMatchObject({ Replaces: 'uac-1@127.0.0.1;to-tag=peer1;from-tag=app1', Require: 'replaces' });
    uac.sent().answer();
    await settle();
    expect(f.owner.heard('d2')).toEqual(['answered']);
    peerRequest(customer.sip, 'BYE');
    expect(f.owner.heard('d2')).toEqual(['answered', 'replaced']);
    expect(f.owner.heard(customer.id)).toEqual(['answered']);
    expect(f.port.dialogs.get(customer.id)).toBeUndefined();
  });

  it('a refused takeover is failed(status) on the new dialog, and the old one keeps its media', async () => {
    const f = portFixture();
    const customer = await answeredCall(f);
    f.port.takeover(f.owner, 'customer', customer.id);
    await settle();
    f.srf.lastUac().sent().fail(481);
    await settle();
    expect(f.owner.heard('d2')).toEqual(['failed']);
    expect(dialogOf(f, customer.id).supersededBy).toBeUndefined();
    f.port.hold(f.owner, customer.id);
    await settle();
    expect(f.agent.last('INVITE').body).toMatch(/a=sendonly/);
  });
});
