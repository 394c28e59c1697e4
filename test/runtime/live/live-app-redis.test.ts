/**
 * The whole LiveApp with `store.type: "redis"` against a real redis-server
 * (the fake drachtio and a virtual clock for the rest): a session mid-call
 * with its timer running is found in Redis by a new LiveApp and goes on;
 * Redis killed and restarted under a running call neither stops the call
 * nor loses its state. Skipped loudly without redis-server.
 */
import { afterAll, afterEach, beforeAll, describe, expect } from 'vitest';
import { VirtualClock } from '../../../runtime/clock/virtual-clock.js';
import { readConfig } from '../../../runtime/live/config-file.js';
import { LiveApp } from '../../../runtime/live/live-app.js';
import type { LiveEvent } from '../../../runtime/live/live-events.js';
import type { AnyFlowMachine } from '../../../runtime/machine.js';
import type { SessionRecord } from '../../../runtime/persist/session-record.js';
import { FlowSession } from '../../../runtime/session/flow-session.js';
import { FakeSrf, peerRequest, settle } from '../drachtio/fake-drachtio.js';
import { inspector, redisIt, RedisServer, REDIS_SERVER, until } from '../persist/redis-server.js';
import { toTransferring } from './external-transfer-steps.js';
import { EXTERNAL_TRANSFER_INPUTS, RecordingLog } from './memory-live.js';
import { seedMachine } from './seed-machines.js';

let machines: AnyFlowMachine[];
let redis: RedisServer | undefined;
beforeAll(async () => {
  machines = [await seedMachine('ExternalTransfer'), await seedMachine('AttendedTransfer')];
  if (REDIS_SERVER !== undefined) redis = await RedisServer.start();
});
afterAll(async () => {
  await redis?.stop();
});

const apps: LiveApp[] = [];
afterEach(async () => {
  // The newest first: the first process of a restart test is the crashed one, drained last.
  for (const app of apps.splice(0).reverse()) await app.drain(0);
});

function server(): RedisServer {
  if (redis === undefined) throw new Error('no redis-server');
  return redis;
}

async function start(clock: VirtualClock, prefix: string) {
  const read = readConfig({ drachtio: { host: '127.0.0.1', port: 9022, secret: 'cymru' }, store: { type: 'redis', url: server().url(), prefix } });
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  const srf = new FakeSrf();
  const log = new RecordingLog();
  const started = await LiveApp.start({ config: read.config, machines, log, clock, srf });
  if (!started.ok) throw new Error(JSON.stringify(started.problems));
  apps.push(started.app);
  return { app: started.app, system: started.app.system, srf, log, resumed: started.resumed };
}

async function storedConfiguration(prefix: string, key: string): Promise<readonly string[] | undefined> {
  const raw = await inspector(server());
  try {
    const text = await raw.command(['HGET', `${prefix}sessions`, `ExternalTransfer~${key}`]);
    return typeof text === 'string' ? (JSON.parse(text) as SessionRecord).snapshot.configuration : undefined;
  } finally {
    await raw.close();
  }
}

describe('LiveApp with a Redis store', () => {
  redisIt('a new LiveApp finds a session mid-call in Redis and goes on with it: its dialogs probed, its timer firing at the saved due time', async () => {
    const clock = new VirtualClock(Date.UTC(2025, 0, 1));
    const first = await start(clock, 'resume:');
    first.srf.emit('connect', null, 'udp/127.0.0.1:5060');
    await toTransferring(first);
    expect(await storedConfiguration('resume:', 'c1')).toEqual(['Transferring']);

    // The first process is gone (its clock never moves again); the new one starts 10 s later on the same Redis.
    const later = new VirtualClock(clock.now() + 10_000);
    const second = await start(later, 'resume:');
    expect(second.resumed).toEqual({ sessions: 1, dialogs: 3, lostLegs: 0, problems: [] });
    expect(second.system.session('ExternalTransfer', 'c1')?.snapshot?.configuration).toEqual(['Transferring']);
    second.srf.emit('connect', null, 'udp/127.0.0.1:5060');
    await settle();
    const probes = second.srf.agent.sent.filter((s) => s.method === 'OPTIONS');
    expect(probes).toHaveLength(3);
    for (const probe of probes) second.srf.agent.respond(probe, 200);
    await settle();

    const emitted: LiveEvent[] = [];
    second.system.events.subscribe((e) => emitted.push(e));
    later.advanceBy(21_999);
    expect(emitted).toEqual([]);
    later.advanceBy(1);
    expect(emitted.filter((e) => e.type === 'emitted')).toMatchObject([{ event: 'TransferFailed', payload: { status: 408 } }]);
    expect(second.system.session('ExternalTransfer', 'c1')?.snapshot?.configuration).toEqual(['Consult']);
    await second.system.persister.flush();
    expect(await storedConfiguration('resume:', 'c1')).toEqual(['Consult']);
  });

  redisIt('Redis killed and restarted under a running call: the call goes on, the failures are logged and counted, and Redis gets its state back', async () => {
    const redis = await RedisServer.start();
    try {
      const read = readConfig({ drachtio: { host: '127.0.0.1', port: 9022, secret: 'cymru' }, store: { type: 'redis', url: redis.url(), prefix: 'blip:' } });
      if (!read.ok) throw new Error(JSON.stringify(read.problems));
      const srf = new FakeSrf();
      const log = new RecordingLog();
      const started = await LiveApp.start({ config: read.config, machines, log, clock: new VirtualClock(Date.UTC(2025, 0, 1)), srf });
      if (!started.ok) throw new Error(JSON.stringify(started.problems));
      apps.push(started.app);
      srf.emit('connect', null, 'udp/127.0.0.1:5060');
      const system = started.app.system;
      const session = system.start('ExternalTransfer', EXTERNAL_TRANSFER_INPUTS, 'c2');
      if (!(session instanceof FlowSession)) throw new Error('not started');
      await settle();
      srf.lastUac().sent().answer(); // agent
      await settle();
      await system.persister.flush();
      const before = session.snapshot?.configuration;

      await redis.kill();
      await settle();
      const customer = srf.lastUac().sent().answer(); // the customer answers while Redis is away
      await settle();
      await system.persister.flush();
      expect(session.snapshot?.configuration).not.toEqual(before);
      expect(system.liveMetrics.value('flowc_persist_failures_total', {})).toBeGreaterThan(0);
      expect(log.messages('error')).toContain('session snapshot not saved');

      await redis.restart();
      const raw = await inspector(redis);
      try {
        const stored = async (): Promise<unknown> => {
          const text = await raw.command(['HGET', 'blip:sessions', 'ExternalTransfer~c2']);
          return typeof text === 'string' ? (JSON.parse(text) as SessionRecord).snapshot.configuration : undefined;
        };
        // Nothing steps after the restart: the store writes the newest record and its dialogs on its own.
        await until(async () => JSON.stringify(await stored()) === JSON.stringify(session.snapshot?.configuration) && (await raw.command(['HEXISTS', 'blip:dialogs', 'ExternalTransfer~c2'])) === 1, 'the store to catch up');
        // And the call goes on, saved as before: the takeover answers, the gateway ends the replaced dialog.
        await settle();
        srf.lastUac().sent().answer();
        await settle();
        peerRequest(customer, 'BYE');
        await system.persister.flush();
        expect(session.snapshot?.configuration).toEqual(['Talking']);
        expect(await stored()).toEqual(['Talking']);
      } finally {
        await raw.close();
      }
    } finally {
      for (const app of apps.splice(0).reverse()) await app.drain(0);
      await redis.stop();
    }
  });
});
