import { describe, expect, it } from 'vitest';
import { parseSdpDirection } from '../../../runtime/sip/sdp-direction.js';
import { answeredCall, dialogOf, portFixture } from './port-fixture.js';
import { peerRequest, settle } from './fake-drachtio.js';

describe('DrachtioSipPort: dial', () => {
  it('sends createUAC with the flow\'s headers, From and an SDP offer, and reports ringing, early and answered', async () => {
    const f = portFixture();
    const id = f.port.dial(f.owner, { leg: 'agent', to: 'sip:5020@127.0.0.20', from: 'sip:pom@127.0.0.1', headers: { 'X-Job': 'j1' } });
    expect(id).toBe('d1');
    await settle();
    const uac = f.srf.lastUac();
    expect(uac.uri).toBe('sip:5020@127.0.0.20');
    expect(uac.headers).toMatchObject({ 'X-Job': 'j1', From: '<sip:pom@127.0.0.1>' });
    expect(parseSdpDirection(uac.opts.localSdp ?? '').direction).toBe('sendrecv');
    uac.sent().provisional(100).provisional(180).provisional(183);
    expect(f.owner.heard('d1')).toEqual(['ringing', 'early']);
    uac.answer();
    await settle();
    expect(f.owner.heard('d1')).toEqual(['ringing', 'early', 'answered']);
    // createUAC's options live as long as the dialog: the offer goes from them at the final answer.
    expect(uac.opts.localSdp).toBe('');
    expect(dialogOf(f, 'd1').phase).toBe('confirmed');
    expect(dialogOf(f, 'd1').coordinates).toMatchObject({ callId: 'uac-1@127.0.0.1', localTag: 'app1', remoteTag: 'peer1', remoteTarget: 'sip:peer@127.0.0.2:5060', localIdentity: 'sip:pom@127.0.0.1' });
  });

  it('a BYE right behind the 200 (one read from drachtio-server) is heard, after answered', async () => {
    const f = portFixture();
    f.port.dial(f.owner, { leg: 'agent', to: 'sip:a@127.0.0.2', headers: {} });
    await settle();
    const sip = f.srf.lastUac().sent().answer();
    peerRequest(sip, 'BYE');
    await settle();
    expect(f.owner.heard('d1')).toEqual(['answered', 'hangup']);
    expect(f.port.dialogs.get('d1')).toBeUndefined();
  });

  it('reports a final failure as failed(status) and forgets the dialog', async () => {
    const f = portFixture();
    f.port.dial(f.owner, { leg: 'agent', to: 'sip:busy@127.0.0.2', headers: {} });
    await settle();
    f.srf.lastUac().sent().fail(486);
    await settle();
    expect(f.owner.signals).toEqual([{ dialog: 'd1', signal: { type: 'failed', status: 486 } }]);
    expect(f.port.dialogs.get('d1')).toBeUndefined();
    // The flow may still hang up the failed leg: nothing to send, nothing failed.
    expect(f.port.hangup(f.owner, 'd1')).toBeUndefined();
  });

  it('cancels an INVITE that has not gone out yet without sending anything', async () => {
    const f = portFixture();
    f.port.dial(f.owner, { leg: 'agent', to: 'sip:a@127.0.0.2', headers: {} });
    expect(f.port.cancel(f.owner, 'd1')).toBeUndefined();
    await settle();
    expect(f.srf.uacs).toHaveLength(0);
    expect(f.owner.heard('d1')).toEqual(['cancelled']);
  });

  it('sends CANCEL through the sent INVITE; the 487 is cancelled', async () => {
    const f = portFixture();
    f.port.dial(f.owner, { leg: 'agent', to: 'sip:a@127.0.0.2', headers: {} });
    await settle();
    const uac = f.srf.lastUac().sent().provisional(180);
    f.port.cancel(f.owner, 'd1');
    expect(f.agent.last('CANCEL').uri).toBe('sip:a@127.0.0.2');
    uac.fail(487);
    await settle();
    expect(f.owner.heard('d1')).toEqual(['ringing', 'cancelled']);
  });

  it('cancels when the dial timeout expires, counted from the INVITE, and reports failed(408)', async () => {
    const f = portFixture();
    f.port.dial(f.owner, { leg: 'agent', to: 'sip:a@127.0.0.2', headers: {}, timeoutMs: 30_000 });
    await settle();
    f.clock.advanceBy(60_000); // time before the INVITE is out does not count
    const uac = f.srf.lastUac().sent();
    f.clock.advanceBy(29_999);
    expect(f.agent.sent.filter((s) => s.method === 'CANCEL')).toHaveLength(0);
    f.clock.advanceBy(1);
    expect(f.agent.last('CANCEL')).toBeDefined();
    uac.fail(487);
    await settle();
    expect(f.owner.signals).toEqual([{ dialog: 'd1', signal: { type: 'failed', status: 408 } }]);
  });

  it('an answer stops the dial timeout', async () => {
    const f = portFixture();
    f.port.dial(f.owner, { leg: 'agent', to: 'sip:a@127.0.0.2', headers: {}, timeoutMs: 1_000 });
    await settle();
    f.srf.lastUac().sent().answer();
    await settle();
    expect(f.clock.pending).toBe(0);
  });

  it('hangs up a 200 that crossed its CANCEL and reports the call cancelled', async () => {
    const f = portFixture();
    f.port.dial(f.owner, { leg: 'agent', to: 'sip:a@127.0.0.2', headers: {} });
    await settle();
    const uac = f.srf.lastUac().sent();
    f.port.cancel(f.owner, 'd1');
    uac.answer();
    await settle();
    expect(f.agent.last('BYE')).toBeDefined();
    expect(f.owner.heard('d1')).toEqual(['cancelled']);
  });

  it('a hangup of an unanswered INVITE is its CANCEL', async () => {
    const f = portFixture();
    f.port.dial(f.owner, { leg: 'agent', to: 'sip:a@127.0.0.2', headers: {} });
    await settle();
    f.srf.lastUac().sent();
    f.port.hangup(f.owner, 'd1');
    expect(f.agent.last('CANCEL')).toBeDefined();
  });

  it('an INVITE drachtio-server could not send fails the leg with 503 and reports the failed effect', async () => {
    const f = portFixture();
    f.owner.legs.set('d1', 'agent');
    f.port.dial(f.owner, { leg: 'agent', to: 'sip:a@127.0.0.2', headers: {} });
    await settle();
    f.srf.lastUac().error('provided socket has been destroyed');
    await settle();
    expect(f.owner.signals).toEqual([{ dialog: 'd1', signal: { type: 'failed', status: 503 } }]);
    expect(f.owner.failures).toMatchObject([{ effect: { kind: 'dial', leg: 'agent', to: 'sip:a@127.0.0.2' }, failure: { port: 'sip', status: 503 } }]);
  });

  it('refuses to dial while drachtio-server is away', () => {
    const f = portFixture({ connected: () => false });
    expect(f.port.dial(f.owner, { leg: 'agent', to: 'sip:a@127.0.0.2', headers: {} })).toMatchObject({ kind: 'portFailure', port: 'sip', status: 503 });
  });

  it('hangs up an answered call with BYE; later requests on it do nothing', async () => {
    const f = portFixture();
    const { id } = await answeredCall(f);
    expect(f.port.hangup(f.owner, id)).toBeUndefined();
    await settle();
    expect(f.agent.last('BYE').stackDialogId).toBe(dialogOfSent(f));
    expect(f.port.hold(f.owner, id)).toBeUndefined();
    expect(f.port.hangup(f.owner, id)).toBeUndefined();
    await settle();
    expect(f.agent.sent.filter((s) => s.method === 'BYE')).toHaveLength(1);
  });

  it('refuses requests on another session\'s dialog and on dialogs it never made', async () => {
    const f = portFixture();
    const { id } = await answeredCall(f);
    const other = { flow: 'Other', key: 'x', dialogEvent: () => undefined, effectFailed: () => undefined };
    expect(f.port.hold(other, id)).toMatchObject({ kind: 'portFailure', message: expect.stringContaining('another session') });
    expect(f.port.hold(f.owner, 'nope')).toMatchObject({ kind: 'portFailure', message: expect.stringContaining('unknown dialog') });
  });

  it('ends every call of a session at once, each as its phase needs', async () => {
    const f = portFixture();
    await answeredCall(f);
    f.port.dial(f.owner, { leg: 'b', to: 'sip:b@127.0.0.2', headers: {} });
    await settle();
    f.srf.lastUac().sent();
    expect(f.port.endCalls(f.owner)).toBe(2);
    await settle();
    expect(f.agent.sent.map((s) => s.method)).toEqual(expect.arrayContaining(['BYE', 'CANCEL']));
  });
});

function dialogOfSent(f: ReturnType<typeof portFixture>): string | undefined {
  return f.srf.dialogs[0]?.id;
}
