/**
 * A crash of flowc under a call anchored on FreeSWITCH, without servers: a
 * LiveApp (file store, the fake drachtio, the fake media server) has a call
 * up and is abandoned as a killed process would be; a new LiveApp on the
 * same store resumes the session and takes the call's FreeSWITCH channels
 * up by their uuids over event-socket connections of its own (the fake
 * event socket), hears their DTMF and drives them as before the crash.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../runtime/clock/virtual-clock.js';
import { readConfig } from '../../../runtime/live/config-file.js';
import { LiveApp } from '../../../runtime/live/live-app.js';
import type { AnyFlowMachine } from '../../../runtime/machine.js';
import { FakeSrf, offerInvite, settle } from '../drachtio/fake-drachtio.js';
import { FakeEslServer } from '../drachtio/fake-esl.js';
import { FakeMrf, FS_SDP } from '../drachtio/fake-freeswitch.js';
import { RecordingLog } from './memory-live.js';
import { seedMachine } from './seed-machines.js';

let machines: AnyFlowMachine[];
beforeAll(async () => {
  machines = [await seedMachine('AttendedTransfer')];
});

const apps: LiveApp[] = [];
const directories: string[] = [];
afterEach(async () => {
  for (const app of apps.splice(0).reverse()) await app.drain(0);
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

const ROUTE = { flow: 'AttendedTransfer', user: '100', inputs: { extensionDomain: 'pbx.example', failoverUri: 'sip:vm@pbx.example' }, invite: { transferredUri: 'header:X-Transfer-To' } };

async function start(directory: string, clock: VirtualClock, esl?: FakeEslServer) {
  const read = readConfig({
    drachtio: { host: '127.0.0.1', port: 9022, secret: 'cymru' },
    freeswitch: { host: '127.0.0.1', secret: 'ClueCon' },
    routes: [ROUTE],
    store: { type: 'file', directory },
  });
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  const srf = new FakeSrf();
  const mrf = new FakeMrf();
  const log = new RecordingLog();
  const started = await LiveApp.start({ config: read.config, machines, log, clock, srf, mrf, ...(esl === undefined ? {} : { connectEsl: () => esl.connect() }) });
  if (!started.ok) throw new Error(JSON.stringify(started.problems));
  apps.push(started.app);
  srf.emit('connect', null, 'udp/127.0.0.1:5060');
  return { app: started.app, srf, mrf, log, resumed: started.resumed };
}

describe('LiveApp restarted under a call anchored on FreeSWITCH', () => {
  it('takes the channels up by uuid: their DTMF reaches the resumed flow, its music, prompt, bridge and hangup work on them', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'flowc-restart-'));
    directories.push(directory);
    const clock = new VirtualClock(Date.UTC(2025, 0, 1));
    const first = await start(directory, clock);
    offerInvite(first.srf, { uri: 'sip:100@127.0.0.1', callId: 'in-1@phone', headers: { 'X-Transfer-To': 'sip:bob@127.0.0.30' } });
    await settle();
    first.srf.lastUac().sent().answer();
    await settle();
    const session = first.app.system.session('AttendedTransfer', 'in-1@phone');
    expect(session?.snapshot?.configuration).toEqual(['Connected', 'Talking']);
    const channels = first.mrf.servers[0]?.endpoints.map((e) => e.uuid) ?? [];
    expect(channels).toEqual(['uuid-1', 'uuid-2']); // the phone's, then bob's
    await first.app.system.persister.flush();

    // The first process is killed: FreeSWITCH keeps both channels (parked, bridged).
    const esl = new FakeEslServer();
    for (const uuid of channels) esl.channels.set(uuid, FS_SDP);
    const second = await start(directory, new VirtualClock(clock.now() + 5_000), esl);
    expect(second.resumed).toMatchObject({ sessions: 1, lostLegs: 0 });
    await settle(10);
    expect(esl.connections.map((c) => [...c.filters].sort())).toEqual([['uuid-1', 'uuid-2']]);
    expect(second.log.lines.filter((l) => l.message === 'media of a recovered call taken up')).toHaveLength(2);

    // #4 keyed on the phone, heard by the new process on the phone's channel.
    const phone = esl.connections[0];
    phone?.dtmf('uuid-1', '#');
    phone?.dtmf('uuid-1', '4');
    await settle(10);
    const resumed = second.app.system.session('AttendedTransfer', 'in-1@phone');
    expect(resumed?.snapshot?.configuration).toEqual(['Connected', 'Collecting', 'Digits']);
    // Unbridged (both parked), bob's hold answered by the fake peer, music for bob, the prompt for the phone.
    const bobHold = second.srf.agent.sent.find((s) => s.method === 'INVITE' && s.body?.includes('a=sendonly') === true);
    if (bobHold === undefined) throw new Error('no hold re-INVITE to bob');
    second.srf.agent.respond(bobHold, 200, { body: 'v=0\r\na=recvonly\r\n' });
    await settle(10);
    expect(esl.commands).toEqual(
      expect.arrayContaining([
        'api uuid_transfer uuid-1 -both park_state inline',
        'execute endless_playback moh/default uuid-2',
        'execute playback attended-transfer/enter-extension uuid-1',
      ]),
    );

    // *0 cancels: bob unheld (its music broken) and bridged to the phone again.
    phone?.dtmf('uuid-1', '*');
    phone?.dtmf('uuid-1', '0');
    await settle(10);
    for (const reinvite of second.srf.agent.sent.filter((s) => s.method === 'INVITE' && s.body?.includes('a=sendrecv') === true)) second.srf.agent.respond(reinvite, 200, { body: 'v=0\r\na=sendrecv\r\n' });
    await settle(10);
    expect(resumed?.snapshot?.configuration).toEqual(['Connected', 'Talking']);
    expect(esl.commands).toEqual(expect.arrayContaining(['api uuid_break uuid-2 all', 'api uuid_bridge uuid-1 uuid-2']));
    expect(second.log.lines.filter((l) => l.message === 'media operation failed')).toEqual([]);

    // Shut down: both calls ended, both channels hung up and their connection closed.
    apps.splice(apps.indexOf(second.app), 1);
    await second.app.drain(0);
    expect(esl.commands).toEqual(expect.arrayContaining(['api uuid_kill uuid-1', 'api uuid_kill uuid-2']));
    // The shared connection closes once the last channel's kill is answered, which the drain does not
    // wait for (its media operations queue behind the ones before them): wait for it, up to a deadline.
    const deadline = Date.now() + 10_000;
    while (!esl.connections.every((c) => c.closed) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(esl.connections.map((c) => c.closed)).toEqual([true]);
  });
});
