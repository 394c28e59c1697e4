/**
 * Crash and restart, live: `flowc run` (a child process, file store) is
 * killed with SIGKILL mid-call and a new one started on the same store. The
 * session whose legs are still up resumes with its timers and finishes the
 * call; the SIPp peers see the rest of it. FreeSWITCH keeps the channels
 * (parked, bridged, playing) while no flowc controls them; the new process
 * takes them up by their uuids, so media verbs after the restart work and
 * every channel is released at the end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect } from 'vitest';
import { liveIt, liveServers } from './live-env.js';
import { freeswitchDrainsTo } from './live-harness.js';
import { RedisServer, REDIS_SERVER } from '../runtime/persist/redis-server.js';
import { enters, startFlowcProcess, writeRunConfig, type FlowcProcess, type RunStore } from './flowc-process.js';
import { sippPeer, type SippPeer } from './sipp-peer.js';

const processes: FlowcProcess[] = [];
const peers: SippPeer[] = [];
const directories: string[] = [];
afterEach(async () => {
  for (const peer of peers.splice(0)) peer.stop();
  for (const flowc of processes.splice(0)) await flowc.kill('SIGTERM');
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

/** A directory for the run's config file and its file store, removed after the test. */
function scratch(): string {
  const directory = mkdtempSync(join(tmpdir(), 'flowc-restart-'));
  directories.push(directory);
  return directory;
}

function peer(p: SippPeer): SippPeer {
  peers.push(p);
  return p;
}

function flowc(config: string): FlowcProcess {
  const p = startFlowcProcess(config);
  processes.push(p);
  return p;
}

async function passed(p: SippPeer): Promise<void> {
  const code = await p.done;
  expect([p.name, code, code === 0 ? '' : p.output()]).toEqual([p.name, 0, '']);
}

async function post(base: string, path: string, body: unknown): Promise<number> {
  const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return res.status;
}

/** Lines a restarted flowc should never write about the resumed session (a lost call is how a hangup after the restart is found). */
function troubles(p: FlowcProcess, key: string): unknown[] {
  return p.lines.filter((l) => (l.msg === 'session error' && l['key'] === key && l['kind'] !== 'call lost') || l.msg === 'media operation failed' || l.msg === 'the media of a recovered call is gone' || l.msg === 'SIP request failed');
}

describe('crash and restart, live', () => {
  liveIt('flowc killed in Transferred: the new one resumes the session, its 32 s timer hangs the customer up, every channel is released', async () => {
    const servers = liveServers();
    const dir = scratch();
    const config = writeRunConfig(servers, dir, ['flows/pom/external-transfer.flow'], { type: 'file', directory: join(dir, 'state') });
    const first = flowc(config);
    const base = await first.api();
    // The nailed agent hangs up 15 s after the restart's probe; its BYE gets drachtio-server's 481 (OrphanWatch).
    const agent = peer(await sippPeer(servers, 'agent', { scenario: 'uas-answer-hangup-restart.xml', port: 5076, timeoutSeconds: 150 }));
    const gateway = peer(await sippPeer(servers, 'gateway', { scenario: 'gateway.xml', port: 5077, calls: 3, timeoutSeconds: 150 }));
    const inputs = { agentUri: agent.uri('5020'), customerUri: gateway.uri('customer'), externalUri: gateway.uri('external') };
    expect(await post(base, '/sessions/ExternalTransfer', { key: 'crash-1', inputs })).toBe(201);
    await first.waitFor(enters('crash-1', 'Talking'), 'Talking');
    // The gateway ends the replaced customer dialog 2 s after the takeover: before the crash
    // (a BYE while no flowc is connected gets 481 from drachtio-server, which the gateway fails on).
    await first.waitFor((l) => l.msg === 'the dialog a takeover replaced has ended', 'the gateway\'s BYE of the replaced dialog');
    expect(await post(base, '/sessions/ExternalTransfer/crash-1/events', { type: 'Consult' })).toBe(202);
    await first.waitFor(enters('crash-1', 'Consult'), 'Consult');
    expect(await post(base, '/sessions/ExternalTransfer/crash-1/events', { type: 'Transfer' })).toBe(202);
    await first.waitFor(enters('crash-1', 'Transferred'), 'Transferred (NOTIFY 200)');
    // The snapshot of the settled step is on disk before the next event: crash now.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await first.kill('SIGKILL');

    const second = flowc(config);
    const resumed = await second.waitFor((l) => l.msg === 'saved sessions resumed', 'the resume');
    expect(resumed).toMatchObject({ sessions: 1, lostLegs: 0 });
    await second.waitFor((l) => l.msg === 'media of a recovered call taken up', 'a channel taken up');
    const api = await second.api();
    const session = (await (await fetch(`${api}/sessions/ExternalTransfer/crash-1`)).json()) as { states?: unknown; timers?: unknown[] };
    expect(JSON.stringify(session)).toContain('Transferred');
    // The timer armed before the crash fires at its saved due time: BYE to the customer, Disposed.
    await second.waitFor(enters('crash-1', 'Disposed'), 'Disposed by the saved timer', 45_000);
    await passed(gateway); // took the BYE of its takeover call from the new process
    await passed(agent); // the nailed agent hung up after the restart (481 from drachtio-server)
    // The next probe finds the agent's dialog gone: its channel is released.
    await second.waitFor((l) => l.msg === 'drachtio-server no longer knows this dialog: the call is lost', 'the probe finding the agent gone', 45_000);
    expect(troubles(second, 'crash-1')).toEqual([]);
    const left = await freeswitchDrainsTo(servers);
    if (left !== 0) console.log(second.output());
    expect(left).toBe(0);
  }, { timeoutMs: 240_000 });

  /** Killed in Consult, on the file store or on Redis (the new flowc takes the crashed one's lease over at once). */
  async function consultCrash(key: string, store: (dir: string) => RunStore): Promise<void> {
    const servers = liveServers();
    const dir = scratch();
    const config = writeRunConfig(servers, dir, ['flows/pom/external-transfer.flow'], store(dir));
    const first = flowc(config);
    const base = await first.api();
    const agent = peer(await sippPeer(servers, 'agent', { scenario: 'uas-answer-hangup-restart.xml', port: 5078, timeoutSeconds: 150 }));
    // The customer and the takeover (the gateway drops the replaced customer dialog itself);
    // the external party answers the consult, takes the hold and waits for flowc's BYE.
    const gateway = peer(await sippPeer(servers, 'gateway', { scenario: 'gateway.xml', port: 5079, calls: 2, timeoutSeconds: 150 }));
    const external = peer(await sippPeer(servers, 'external', { scenario: 'uas-answer.xml', port: 5074, timeoutSeconds: 150 }));
    const inputs = { agentUri: agent.uri('5020'), customerUri: gateway.uri('customer'), externalUri: external.uri('external') };
    expect(await post(base, '/sessions/ExternalTransfer', { key, inputs })).toBe(201);
    await first.waitFor(enters(key, 'Talking'), 'Talking');
    await first.waitFor((l) => l.msg === 'the dialog a takeover replaced has ended', 'the gateway\'s BYE of the replaced dialog');
    expect(await post(base, `/sessions/ExternalTransfer/${key}/events`, { type: 'Consult' })).toBe(202);
    await first.waitFor(enters(key, 'Consult'), 'Consult');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await first.kill('SIGKILL');

    const second = flowc(config);
    expect(await second.waitFor((l) => l.msg === 'saved sessions resumed', 'the resume')).toMatchObject({ sessions: 1, lostLegs: 0 });
    await second.waitFor((l) => l.msg === 'media of a recovered call taken up', 'a channel taken up');
    const api = await second.api();
    // hangup external, unhold customer (its music broken), bridge agent customer: all on taken-up channels.
    expect(await post(api, `/sessions/ExternalTransfer/${key}/events`, { type: 'CancelConsult' })).toBe(202);
    await second.waitFor(enters(key, 'Talking'), 'Talking again');
    // The agent's, the takeover's and the external party's channels (the replaced dialog's moved to the takeover).
    expect(second.lines.filter((l) => l.msg === 'media of a recovered call taken up')).toHaveLength(3);
    // The agent hangs up 15 s after the restart's probe (drachtio-server answers its BYE 481);
    // the next probe finds the dialog gone: agent.hangup, Failed { hangup customer }.
    await second.waitFor(enters(key, 'Failed'), 'the agent hanging up', 75_000);
    await passed(agent);
    await passed(external); // its BYE came from the new process (hangup external)
    await passed(gateway); // the takeover's BYE came from the new process (Failed)
    expect(troubles(second, key)).toEqual([]);
    expect(await freeswitchDrainsTo(servers)).toBe(0);
  }

  liveIt('flowc killed in Consult: after the restart CancelConsult unholds the customer and bridges it to the agent on the channels taken up', () => consultCrash('crash-2', (dir) => ({ type: 'file', directory: join(dir, 'state') })), { timeoutMs: 240_000 });

  liveIt(
    'the same on a Redis store',
    async () => {
      const redis = await RedisServer.start();
      try {
        await consultCrash('crash-3', () => ({ type: 'redis', url: redis.url(), prefix: 'restart:' }));
      } finally {
        await redis.stop();
      }
    },
    { timeoutMs: 240_000, extra: REDIS_SERVER === undefined ? ['REDIS_SERVER'] : [] },
  );
});
