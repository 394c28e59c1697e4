/**
 * flowc's live app with the real drachtio-srf over a real socket: the
 * loopback fake drachtio-server plays drachtio-server and every peer
 * (test/runtime/drachtio/fake-sip-network.ts). What drachtio-srf builds from
 * the wire (its Request, Response, Dialog and in-dialog routing) is what
 * the adapter gets, and what the adapter asks for is checked as SIP text.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../runtime/clock/virtual-clock.js';
import { readConfig } from '../../../runtime/live/config-file.js';
import { LiveApp } from '../../../runtime/live/live-app.js';
import type { LiveEvent } from '../../../runtime/live/live-events.js';
import type { AnyFlowMachine } from '../../../runtime/machine.js';
import { parseReferTo } from '../../../runtime/sip/refer-to.js';
import { parseSdpDirection } from '../../../runtime/sip/sdp-direction.js';
import { FakeDrachtioServer } from '../drachtio/fake-drachtio-server.js';
import { FakeSipNetwork, type WireMessage } from '../drachtio/fake-sip-network.js';
import { PEER_SDP, peerSdp, requestText } from '../drachtio/fake-drachtio.js';
import { EXTERNAL_TRANSFER_INPUTS, RecordingLog } from './memory-live.js';
import { seedMachine } from './seed-machines.js';

let machines: AnyFlowMachine[];
beforeAll(async () => {
  machines = [await seedMachine('ExternalTransfer'), await seedMachine('AttendedTransfer')];
});

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

async function until(condition: () => boolean, what: string): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > 5_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function wired(clock?: VirtualClock) {
  let server = new FakeDrachtioServer('cymru');
  const port = await server.listen();
  const network = new FakeSipNetwork(server);
  const read = readConfig({
    drachtio: { host: '127.0.0.1', port, secret: 'cymru' },
    store: { type: 'memory' },
    routes: [{ flow: 'AttendedTransfer', user: '100', inputs: { extensionDomain: '127.0.0.40', failoverUri: 'sip:vm@127.0.0.40' }, invite: { transferredUri: 'header:X-Transfer-To' } }],
  });
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  const log = new RecordingLog();
  const started = await LiveApp.start({ config: read.config, machines, log, ...(clock === undefined ? {} : { clock }) });
  if (!started.ok) throw new Error(JSON.stringify(started.problems));
  const app = started.app;
  stops.push(async () => {
    await app.drain(0);
    await server.kill();
  });
  /** Kills drachtio-server and starts a new one on the same port: every dialog is forgotten. */
  const restartServer = async (): Promise<FakeSipNetwork> => {
    await server.kill();
    await until(() => !app.drachtio.connected, 'the disconnect');
    server = new FakeDrachtioServer('cymru');
    await server.listen(port);
    const fresh = new FakeSipNetwork(server);
    await until(() => app.drachtio.connected, 'the reconnect');
    return fresh;
  };
  await until(() => app.drachtio.connected, 'the connection');
  const events: LiveEvent[] = [];
  app.system.events.subscribe((e) => events.push(e));
  const reached = (key: string | undefined, state: string) => until(() => events.some((e) => e.type === 'state' && (key === undefined || e.key === key) && e.after.includes(state)), state);
  return { server, network, app, log, events, reached, restartServer };
}

const INVITE = (m: WireMessage) => m.method === 'INVITE';

/** An AttendedTransfer call up: the phone's INVITE answered, the transferred party answered. */
async function callUp(network: FakeSipNetwork, reached: (key: string | undefined, state: string) => Promise<void>, callId: string): Promise<string> {
  network.sendRequest(
    requestText('INVITE', 'sip:100@127.0.0.1', { callId, from: '<sip:phone@127.0.0.2>;tag=ph1', to: '<sip:100@127.0.0.1>', cseq: '1 INVITE', headers: { 'X-Transfer-To': 'sip:bob@127.0.0.30' }, body: PEER_SDP }),
  );
  const answer = await network.next((m) => m.status === 200 && m.headers.get('call-id') === callId);
  network.inDialog(answer.dialogId, 'ACK');
  const dial = await network.next((m) => m.method === 'INVITE' && m.dialogId === '' && !network.fromAppLog.some((o) => o.method === 'ACK' && o.headers.get('call-id') === m.headers.get('call-id')));
  network.respond(dial, 200, 'OK', { body: PEER_SDP });
  await reached(callId, 'Talking');
  return answer.dialogId;
}

describe('the live app on real drachtio-srf, over the wire', () => {
  it('takes an INVITE, answers it, dials, takes DTMF over INFO, holds with a re-INVITE, and hangs up when the caller does', async () => {
    const { network, app, reached, log } = await wired();
    const phoneInvite = requestText('INVITE', 'sip:100@127.0.0.1', {
      callId: 'phone-1@127.0.0.2',
      from: '"Phone" <sip:phone@127.0.0.2>;tag=ph1',
      to: '<sip:100@127.0.0.1>',
      cseq: '1 INVITE',
      headers: { 'X-Transfer-To': 'sip:bob@127.0.0.30' },
      body: PEER_SDP,
    });
    network.sendRequest(phoneInvite);
    const answer = await network.next((m) => m.status === 200);
    expect(answer.headers.get('cseq')).toBe('1 INVITE');
    expect(parseSdpDirection(answer.body).direction).toBe('sendrecv');
    const phoneDialog = answer.dialogId;

    const dial = await network.next(INVITE);
    expect(dial.startLine).toBe('INVITE sip:bob@127.0.0.30 SIP/2.0');
    network.respond(dial, 100, 'Trying');
    network.respond(dial, 180, 'Ringing');
    network.respond(dial, 200, 'OK', { body: PEER_SDP });
    await network.next((m) => m.method === 'ACK');
    network.inDialog(phoneDialog, 'ACK');
    await reached(undefined, 'Talking');
    expect(log.lines.find((l) => l.message === 'transition' && l.fields['state'] === 'Talking')?.fields).toMatchObject({ callId: 'phone-1@127.0.0.2', flow: 'AttendedTransfer' });

    for (const key of ['#', '4']) network.inDialog(phoneDialog, 'INFO', { body: `Signal=${key}\r\nDuration=160\r\n`, contentType: 'application/dtmf-relay' });
    await reached(undefined, 'Collecting');
    await until(() => network.fromAppLog.filter((m) => m.status === 200 && (m.headers.get('cseq') ?? '').endsWith('INFO')).length === 2, 'the INFO answers');
    const hold = await network.next((m) => m.method === 'INVITE' && m.dialogId !== '');
    expect(parseSdpDirection(hold.body).direction).toBe('sendonly');
    network.respond(hold, 200, 'OK', { body: peerSdp('sendrecv').replace('a=sendrecv', 'a=recvonly') });
    await network.next((m) => m.method === 'ACK' && m.dialogId === hold.dialogId);

    network.inDialog(phoneDialog, 'BYE');
    const bye = await network.next((m) => m.method === 'BYE');
    expect(bye.dialogId).toBe(hold.dialogId);
    network.respond(bye, 200, 'OK');
    await until(() => [...app.system.running()].length === 0, 'the flow to end');
    expect(network.fromAppLog.some((m) => m.status === 200 && (m.headers.get('cseq') ?? '').endsWith('BYE'))).toBe(true);
  });

  it('runs the POM external transfer: takeover with Replaces and Require, REFER with Refer-To/Replaces and Referred-By, NOTIFY sipfrag', async () => {
    const { network, app, reached } = await wired();
    expect(app.system.start('ExternalTransfer', EXTERNAL_TRANSFER_INPUTS, 'job-1')).toMatchObject({ flow: 'ExternalTransfer' });
    const answerInvite = async (match: (m: WireMessage) => boolean) => {
      const invite = await network.next(match);
      network.respond(invite, 200, 'OK', { body: PEER_SDP });
      await network.next((m) => m.method === 'ACK' && m.headers.get('call-id') === invite.headers.get('call-id'));
      return invite;
    };
    await answerInvite((m) => m.startLine.startsWith('INVITE sip:5020@'));
    const customer = await answerInvite((m) => m.startLine.startsWith('INVITE sip:+4930123@'));
    const takeover = await answerInvite((m) => m.method === 'INVITE' && m.headers.has('replaces'));
    const customerCallId = customer.headers.get('call-id') ?? '';
    const customerTags = [/tag=([^;>]+)/.exec(customer.headers.get('from') ?? '')?.[1], 'peer'];
    expect(takeover.headers.get('replaces')).toMatch(new RegExp(`^${customerCallId.replace(/[.+]/g, '\\$&')};to-tag=peer\\d+;from-tag=${customerTags[0] ?? ''}$`));
    expect(takeover.headers.get('require')).toBe('replaces');
    expect(takeover.startLine).toBe('INVITE sip:peer@127.0.0.2:5060 SIP/2.0');
    // The gateway ends the dialog the takeover replaced.
    network.inDialog(network.dialogOf(customerCallId), 'BYE');
    await reached('job-1', 'Talking');

    app.system.session('ExternalTransfer', 'job-1')?.deliver({ type: 'Consult' });
    const hold = await network.next((m) => m.method === 'INVITE' && m.headers.get('call-id') === takeover.headers.get('call-id') && m.body.includes('a=sendonly'));
    network.respond(hold, 200, 'OK', { body: PEER_SDP.replace('a=sendrecv', 'a=recvonly') });
    const external = await answerInvite((m) => m.startLine.startsWith('INVITE sip:+4940555@'));
    await reached('job-1', 'Consult');

    app.system.session('ExternalTransfer', 'job-1')?.deliver({ type: 'Transfer' });
    const refer = await network.next((m) => m.method === 'REFER');
    expect(refer.headers.get('call-id')).toBe(external.headers.get('call-id'));
    const referTo = parseReferTo(refer.headers.get('refer-to') ?? '');
    if (!referTo.ok) throw new Error(referTo.reason);
    expect(referTo.value.replaces).toMatchObject({ ok: true, value: { callId: takeover.headers.get('call-id') } });
    expect(refer.headers.get('referred-by')).toMatch(/^<sip:/);
    network.respond(refer, 202, 'Accepted');
    network.inDialog(network.dialogOf(external.headers.get('call-id') ?? ''), 'NOTIFY', {
      headers: { event: 'refer', 'subscription-state': 'terminated;reason=noresource' },
      body: 'SIP/2.0 200 OK\r\n',
      contentType: 'message/sipfrag;version=2.0',
    });
    const byeExternal = await network.next((m) => m.method === 'BYE' && m.headers.get('call-id') === external.headers.get('call-id'));
    network.respond(byeExternal, 200, 'OK');
    await reached('job-1', 'Transferred');
    // The gateway's BYE on the replaced customer leg ends the flow; the nailed agent stays up.
    network.inDialog(network.dialogOf(takeover.headers.get('call-id') ?? ''), 'BYE');
    await until(() => app.system.session('ExternalTransfer', 'job-1') === undefined, 'the flow to end');
    expect(network.fromAppLog.filter((m) => m.method === 'BYE')).toHaveLength(1);
  });

  it('drachtio-server killed and restarted mid-call: flowc reconnects, finds the call lost, ends it with an error event, and takes new calls', async () => {
    const { network, app, reached, events, restartServer } = await wired();
    await callUp(network, reached, 'c-1@127.0.0.2');
    const fresh = await restartServer();
    await until(() => events.some((e) => e.type === 'error' && e.kind === 'call lost'), 'the lost call');
    await until(() => [...app.system.running()].length === 0, 'the session to end');
    expect(events.filter((e) => e.type === 'ended').map((e) => e.type === 'ended' && e.reason)).toEqual(['finished']);
    await callUp(fresh, reached, 'c-2@127.0.0.2');
    expect([...app.system.running()].map((s) => s.key)).toEqual(['c-2@127.0.0.2']);
  });

  it('a connection blip (drachtio-server keeps its dialogs): the probes find the calls alive and they go on', async () => {
    const { network, server, app, reached, events } = await wired();
    const phone = await callUp(network, reached, 'c-3@127.0.0.2');
    server.dropConnections();
    await until(() => !app.drachtio.connected, 'the disconnect');
    await until(() => app.drachtio.connected, 'the reconnect');
    await until(() => network.fromAppLog.filter((m) => m.method === 'OPTIONS').length === 2, 'a probe per call');
    for (const probe of network.fromAppLog.filter((m) => m.method === 'OPTIONS')) network.respond(probe, 200, 'OK');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(events.some((e) => e.type === 'error')).toBe(false);
    expect([...app.system.running()].map((s) => s.key)).toEqual(['c-3@127.0.0.2']);
    network.inDialog(phone, 'BYE');
    await until(() => [...app.system.running()].length === 0, 'the flow to end');
  });

  it('cancels an INVITE nobody answers when its dial timeout expires; the 487 fails the leg with 408', async () => {
    const clock = new VirtualClock(Date.UTC(2025, 0, 1));
    const { network, app, events } = await wired(clock);
    app.system.start('ExternalTransfer', EXTERNAL_TRANSFER_INPUTS, 'job-2');
    const invite = await network.next((m) => m.method === 'INVITE');
    network.respond(invite, 180, 'Ringing');
    await until(() => events.some((e) => e.type === 'state' && e.event === 'agent.ringing'), 'ringing');
    clock.advanceBy(30_000);
    const cancel = await network.next((m) => m.method === 'CANCEL');
    expect(cancel.txnId).toBe(invite.txnId); // CANCEL names the INVITE's transaction
    network.respond(invite, 487, 'Request Terminated');
    await until(() => events.some((e) => e.type === 'state' && e.event === 'agent.failed'), 'agent.failed');
    expect(app.system.session('ExternalTransfer', 'job-2')).toBeUndefined();
  });

  it('answers the peer\'s REFER 202, its hold re-INVITE recvonly, and moves a leg to an INVITE with Replaces', async () => {
    const { network, app, reached, events } = await wired();
    const phone = await callUp(network, reached, 'c-4@127.0.0.2');
    network.inDialog(phone, 'REFER', { headers: { 'refer-to': '<sip:carol@127.0.0.50>' } });
    const accepted = await network.next((m) => m.status === 202);
    expect(accepted.headers.get('cseq')).toMatch(/ REFER$/);
    network.inDialog(phone, 'INVITE', { body: peerSdp('sendonly', 3) });
    const holdAnswer = await network.next((m) => m.status === 200 && (m.headers.get('cseq') ?? '').endsWith('INVITE') && m.body.includes('recvonly'));
    expect(parseSdpDirection(holdAnswer.body).direction).toBe('recvonly');
    await until(() => events.some((e) => e.type === 'state' && e.event === 'transferer.held'), 'transferer.held');
    // A third party takes the phone's dialog over (RFC 3891): the leg moves to its INVITE and hears `replaced`.
    const dialog = app.sip.dialogs.get([...app.system.running()][0]?.dialogOf('transferer') ?? '');
    const c = dialog?.coordinates;
    if (c === undefined) throw new Error('the phone dialog is not established');
    network.sendRequest(
      requestText('INVITE', 'sip:100@127.0.0.1', { callId: 'third@127.0.0.60', from: '<sip:carol@127.0.0.60>;tag=c1', to: '<sip:100@127.0.0.1>', cseq: '1 INVITE', headers: { Replaces: `${c.callId};to-tag=${c.localTag};from-tag=${c.remoteTag}` }, body: PEER_SDP }),
    );
    await until(() => events.some((e) => e.type === 'state' && e.event === 'transferer.replaced'), 'transferer.replaced');
    expect(dialog?.phase).toBe('offered');
  });
});
