import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../runtime/clock/virtual-clock.js';
import { readConfig } from '../../../runtime/live/config-file.js';
import { LiveApp } from '../../../runtime/live/live-app.js';
import type { LiveEvent } from '../../../runtime/live/live-events.js';
import type { AnyFlowMachine } from '../../../runtime/machine.js';
import { FakeSrf, offerInvite, peerRequest, settle } from '../drachtio/fake-drachtio.js';
import { FakeMrf, FS_SDP } from '../drachtio/fake-freeswitch.js';
import { RecordingLog } from './memory-live.js';
import { seedMachine } from './seed-machines.js';

let machines: AnyFlowMachine[];
beforeAll(async () => {
  machines = [await seedMachine('ExternalTransfer'), await seedMachine('AttendedTransfer')];
});

const apps: LiveApp[] = [];
/** Fakes whose last INVITE should count as sent before the drain (so it does not wait for it). */
const afterSent: FakeSrf[] = [];
afterEach(async () => {
  for (const srf of afterSent.splice(0)) srf.lastUac().sent();
  for (const app of apps.splice(0)) await app.drain(0);
});

const ROUTE = { flow: 'AttendedTransfer', user: '100', inputs: { extensionDomain: 'pbx.example', failoverUri: 'sip:vm@pbx.example' }, invite: { transferredUri: 'header:X-Transfer-To' } };

function config(extra: Record<string, unknown> = {}) {
  const read = readConfig({ drachtio: { host: '127.0.0.1', port: 9022, secret: 'cymru' }, routes: [ROUTE], store: { type: 'memory' }, api: { port: 0 }, ...extra });
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  return read.config;
}

async function start(extra: Record<string, unknown> = {}, mrf?: FakeMrf) {
  const srf = new FakeSrf();
  const log = new RecordingLog();
  const clock = new VirtualClock(Date.UTC(2025, 0, 1));
  const started = await LiveApp.start({ config: config(extra), machines, log, clock, srf, ...(mrf === undefined ? {} : { mrf }) });
  if (!started.ok) throw new Error(JSON.stringify(started.problems));
  apps.push(started.app);
  srf.emit('connect', null, 'udp/127.0.0.1:5060');
  return { app: started.app, srf, log, clock };
}

describe('LiveApp', () => {
  it('refuses to start without drachtio-server or with routes that do not fit the flows', async () => {
    const read = readConfig({ routes: [{ flow: 'Nope', default: true }] });
    if (!read.ok) throw new Error('config');
    const started = await LiveApp.start({ config: read.config, machines, log: new RecordingLog() });
    expect(started.ok === false && started.problems.map((p) => p.path)).toEqual(['routes[0].flow', 'drachtio']);
  });

  it('connects, routes an INVITE by Request-URI user to its flow, binds the inbound leg and runs it', async () => {
    const { app, srf, log } = await start();
    afterSent.push(srf);
    expect(srf.connects).toEqual([{ host: '127.0.0.1', port: 9022, secret: 'cymru', reconnect: { retryMaxDelay: 10_000 } }]);
    const events: LiveEvent[] = [];
    app.system.events.subscribe((e) => events.push(e));
    offerInvite(srf, { uri: 'sip:100@127.0.0.1', callId: 'in-1@phone', headers: { 'X-Transfer-To': 'sip:bob@127.0.0.30' } });
    await settle();
    // The flow's first step answers the phone and dials the transferred party.
    expect(srf.agent.answersTo('INVITE').map((a) => a.status)).toEqual([200]);
    expect(srf.lastUac().uri).toBe('sip:bob@127.0.0.30');
    expect(events.map((e) => e.type)).toEqual(['started', 'state']);
    const session = [...app.system.running()][0];
    expect(session).toMatchObject({ flow: 'AttendedTransfer', key: 'in-1@phone' });
    expect(log.lines.find((l) => l.message === 'transition')?.fields).toMatchObject({ callId: 'in-1@phone', flow: 'AttendedTransfer', state: 'Connecting' });
    expect(app.system.liveMetrics.value('flowc_calls_total', { flow: 'AttendedTransfer' })).toBe(1);
  });

  it('keeps nothing of calls that have ended: no session, dialog, timer, listener or call still counted', async () => {
    const { app, srf, clock } = await start();
    const listeners = () => srf.eventNames().map((name) => `${String(name)}:${srf.listenerCount(name)}`);
    const before = listeners();
    for (let i = 1; i <= 3; i++) {
      const callId = `in-${i}@phone`;
      offerInvite(srf, { uri: 'sip:100@127.0.0.1', callId, headers: { 'X-Transfer-To': 'sip:bob@127.0.0.30' } });
      await settle();
      srf.lastUac().sent().answer();
      await settle();
      const caller = srf.dialogs.find((d) => d.type === 'uas' && d.sip.callId === callId);
      if (caller === undefined) throw new Error(`no dialog for ${callId}`);
      // While it is up the call is in every table the end must empty.
      expect([app.system.registry.size, app.sip.dialogs.size, app.system.sessions.withCalls().length]).toEqual([1, 2, 1]);
      peerRequest(caller, 'BYE');
      await settle();
    }
    // Each caller's BYE ended its flow, which hung up the party it had called.
    expect(srf.agent.sent.map((s) => s.method)).toEqual(['BYE', 'BYE', 'BYE']);
    expect(app.system.liveMetrics.value('flowc_sessions_ended_total', { flow: 'AttendedTransfer', reason: 'finished' })).toBe(3);
    expect(app.system.registry.size).toBe(0);
    expect(app.sip.dialogs.size).toBe(0);
    expect(app.system.sessions.withCalls()).toEqual([]);
    expect(clock.pending).toBe(0);
    expect(listeners()).toEqual(before);
  });

  it('refuses INVITEs no route takes (404) and those lacking what the route reads (400)', async () => {
    const { srf, app } = await start();
    offerInvite(srf, { uri: 'sip:999@127.0.0.1' });
    offerInvite(srf, { uri: 'sip:100@127.0.0.1' });
    expect(srf.agent.answersTo('INVITE').map((a) => a.status)).toEqual([404, 400]);
    expect(app.system.liveMetrics.value('flowc_calls_refused_total', { reason: 'no route' })).toBe(1);
  });

  it('serves the control API', async () => {
    const { app } = await start();
    const base = app.apiAddress();
    const flows = (await (await fetch(`${base ?? ''}/flows`)).json()) as { name: string }[];
    expect(flows.map((f) => f.name)).toEqual(['ExternalTransfer', 'AttendedTransfer']);
    const health = (await (await fetch(`${base ?? ''}/health`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ ok: true, drachtio: true });
  });

  it('drains: new calls get 503, calls still up at the deadline are ended, the API closes', async () => {
    const { app, srf } = await start();
    offerInvite(srf, { uri: 'sip:100@127.0.0.1', headers: { 'X-Transfer-To': 'sip:bob@127.0.0.30' } });
    await settle();
    srf.lastUac().sent().provisional(180);
    const base = app.apiAddress() ?? '';
    const draining = app.drain(50);
    offerInvite(srf, { uri: 'sip:100@127.0.0.1', headers: { 'X-Transfer-To': 'sip:bob@127.0.0.30' } });
    expect(srf.agent.answersTo('INVITE').map((a) => a.status)).toEqual([200, 503]);
    await draining;
    // The transferer's call got its BYE, the transferred party's INVITE its CANCEL.
    expect(srf.agent.sent.map((s) => s.method).sort()).toEqual(['BYE', 'CANCEL']);
    expect([...app.system.running()]).toEqual([]);
    await expect(fetch(`${base}/health`)).rejects.toThrow();
  });

  it('probes every call when drachtio-server comes back; calls it lost are hung up with an error on the stream', async () => {
    const { app, srf } = await start();
    offerInvite(srf, { uri: 'sip:100@127.0.0.1', headers: { 'X-Transfer-To': 'sip:bob@127.0.0.30' } });
    await settle();
    srf.lastUac().sent().answer();
    await settle();
    const events: LiveEvent[] = [];
    app.system.events.subscribe((e) => events.push(e));
    srf.emit('close');
    srf.emit('connect', null, 'udp/127.0.0.1:5060');
    await settle();
    const probes = srf.agent.sent.filter((s) => s.method === 'OPTIONS');
    expect(probes).toHaveLength(2);
    for (const probe of probes) srf.agent.respond(probe, 481);
    await settle();
    // The first lost call ends the flow (transferer.hangup -> Ended); the second probe finds its dialog ended already.
    expect(events.filter((e) => e.type === 'error').map((e) => e.type === 'error' && e.kind)).toEqual(['call lost']);
    expect([...app.system.running()]).toEqual([]);
  });

  it('keeps probing the calls from before a reconnect as often as drachtio.orphanProbeSeconds says', async () => {
    const { srf, clock } = await start({ drachtio: { host: '127.0.0.1', port: 9022, secret: 'cymru', orphanProbeSeconds: 5 } });
    offerInvite(srf, { uri: 'sip:100@127.0.0.1', headers: { 'X-Transfer-To': 'sip:bob@127.0.0.30' } });
    await settle();
    srf.lastUac().sent().answer();
    await settle();
    srf.emit('close');
    srf.emit('connect', null, 'udp/127.0.0.1:5060');
    await settle();
    const options = () => srf.agent.sent.filter((s) => s.method === 'OPTIONS');
    expect(options()).toHaveLength(2);
    for (const probe of options()) srf.agent.respond(probe, 200);
    await settle();
    clock.advanceBy(4_999);
    await settle();
    expect(options()).toHaveLength(2);
    clock.advanceBy(1);
    await settle();
    // Both calls are alive: probed again, 5 s on.
    expect(options()).toHaveLength(4);
  });

  it('anchors calls on FreeSWITCH endpoints, and ends the sessions whose media FreeSWITCH lost', async () => {
    const mrf = new FakeMrf();
    const { app, srf } = await start({ freeswitch: { host: '127.0.0.1', secret: 'ClueCon' } }, mrf);
    afterSent.push(srf);
    expect(mrf.attempts).toMatchObject([{ address: '127.0.0.1', port: 8021, secret: 'ClueCon' }]);
    offerInvite(srf, { uri: 'sip:100@127.0.0.1', headers: { 'X-Transfer-To': 'sip:bob@127.0.0.30' } });
    await settle();
    expect(srf.agent.answersTo('INVITE')[0]?.body).toContain('c=IN IP4 10.0.0.9');
    expect(srf.lastUac().opts.localSdp).toContain('o=FreeSWITCH');
    const server = mrf.servers[0];
    expect(server?.endpoints).toHaveLength(2);
    const events: LiveEvent[] = [];
    app.system.events.subscribe((e) => events.push(e));
    server?.emit('end');
    await settle();
    expect(events.some((e) => e.type === 'ended' && e.reason === 'media lost')).toBe(true);
    expect([...app.system.running()]).toEqual([]);
    expect(FS_SDP).toContain('FreeSWITCH');
  });
});
