/**
 * flowc running in process against the real servers of the environment: the
 * same LiveApp `flowc run` builds (drachtio-srf, drachtio-fsmrf), its event
 * stream recorded, and helpers to wait on it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { compile, loadMachines } from '../../compiler/index.js';
import { readConfig } from '../../runtime/live/config-file.js';
import { LiveApp } from '../../runtime/live/live-app.js';
import { connectEsl } from '../../runtime/drachtio/load-fsmrf.js';
import type { LiveEvent } from '../../runtime/live/live-events.js';
import type { AnyFlowMachine } from '../../runtime/machine.js';
import type { LiveServers } from './live-env.js';

export const REPO = join(import.meta.dirname, '..', '..');

export async function compileFlows(paths: readonly string[]): Promise<AnyFlowMachine[]> {
  const sources = paths.map((path) => ({ path, text: readFileSync(join(REPO, path), 'utf8') }));
  const result = await compile(sources, { kinds: ['js'] });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`flows do not compile: ${JSON.stringify(errors)}`);
  return loadMachines(result.files);
}

export interface RunningFlowc {
  readonly app: LiveApp;
  readonly events: LiveEvent[];
  /** Resolves with the first recorded event that matches (past or future). */
  waitFor(match: (event: LiveEvent) => boolean, what: string, timeoutMs?: number): Promise<LiveEvent>;
  /** FreeSWITCH's channel count (`show channels count`). */
  channelCount(): Promise<number>;
  stop(): Promise<void>;
}

export async function startFlowc(servers: LiveServers, machines: readonly AnyFlowMachine[], extraConfig: Record<string, unknown> = {}, options: { readonly media?: boolean } = {}): Promise<RunningFlowc> {
  const freeswitch = { ...servers.freeswitch, ...(servers.freeswitchListen === undefined ? {} : { listenAddress: servers.freeswitchListen }) };
  const read = readConfig({
    drachtio: servers.drachtio,
    ...(options.media === false ? { sdp: { address: servers.peerAddress } } : { freeswitch }),
    store: { type: 'memory' },
    shutdown: { drainSeconds: 5 },
    ...extraConfig,
  });
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  const log = pino({ level: process.env['LIVE_LOG_LEVEL'] ?? 'warn' });
  const started = await LiveApp.start({ config: read.config, machines, log });
  if (!started.ok) throw new Error(JSON.stringify(started.problems));
  const app = started.app;
  const events: LiveEvent[] = [];
  const waiters: { match: (e: LiveEvent) => boolean; resolve: (e: LiveEvent) => void }[] = [];
  app.system.events.subscribe((event) => {
    events.push(event);
    for (const waiter of [...waiters]) {
      if (!waiter.match(event)) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(event);
    }
  });
  await until(() => app.drachtio.connected, 'drachtio-server', 10_000);
  if (options.media !== false) {
    // Every test checks that FreeSWITCH's channels return to zero: say so at once when
    // something left channels behind (an earlier run killed mid-call), not as the test's failure.
    await until(() => app.system.health()['freeswitch'] === true, 'FreeSWITCH', 10_000);
    const body = (await app.freeswitchApi('show channels count')) ?? '';
    const left = /(\d+)\s+total/.exec(body);
    if (left !== null && Number(left[1]) !== 0) {
      await app.drain(0);
      throw new Error(`FreeSWITCH holds ${left[1]} channels before the test (left by an earlier run?): hang them up first (fs_cli -x 'hupall')`);
    }
  }
  return {
    app,
    events,
    waitFor: (match, what, timeoutMs = 60_000) => {
      const seen = events.find(match);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; events: ${JSON.stringify(events.slice(-20))}`)), timeoutMs);
        waiters.push({ match, resolve: (e) => (clearTimeout(timer), resolve(e)) });
      });
    },
    channelCount: async () => {
      const body = (await app.freeswitchApi('show channels count')) ?? '';
      const m = /(\d+)\s+total/.exec(body);
      return m === null ? Number.NaN : Number(m[1]);
    },
    stop: () => app.drain(2_000),
  };
}

export async function until(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until FreeSWITCH holds no channel (every endpoint released). */
export async function channelsDrainTo(flowc: RunningFlowc, count = 0, timeoutMs = 10_000): Promise<number> {
  const start = Date.now();
  let current = await flowc.channelCount();
  while (current !== count && Date.now() - start < timeoutMs) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    current = await flowc.channelCount();
  }
  return current;
}

/** FreeSWITCH's channel count over an event-socket connection of the test's own (for flowc in a child process). */
export async function freeswitchChannels(servers: LiveServers): Promise<number> {
  const conn = await connectEsl(servers.freeswitch);
  try {
    const body = await new Promise<string>((resolve) => conn.api('show', 'channels count', (response) => resolve(response.getBody?.() ?? '')));
    const m = /(\d+)\s+total/.exec(body);
    return m === null ? Number.NaN : Number(m[1]);
  } finally {
    conn.disconnect();
  }
}

/** Waits until FreeSWITCH holds `count` channels (they appear in its count ~200 ms late). */
export async function freeswitchDrainsTo(servers: LiveServers, count = 0, timeoutMs = 15_000): Promise<number> {
  const start = Date.now();
  let current = await freeswitchChannels(servers);
  while (current !== count && Date.now() - start < timeoutMs) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    current = await freeswitchChannels(servers);
  }
  return current;
}
