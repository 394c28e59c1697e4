/**
 * The live benchmark's subject: flowc's LiveApp, as `flowc run` builds it,
 * running seed 002 (the Kalliope attended transfer) signalling only — no
 * FreeSWITCH, a fixed SDP, snapshots in memory — routed from the user
 * `bench`, the party to connect read from X-Transfer-To. Its call is the
 * plain app's: answer the caller, call the party, hang up the other side
 * when one hangs up.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile, loadMachines } from '../../compiler/index.js';
import { readConfig } from '../../runtime/live/config-file.js';
import { LiveApp } from '../../runtime/live/live-app.js';
import type { AdapterLog } from '../../runtime/drachtio/adapter-log.js';
import { repoRoot } from '../repo-root.js';
import type { BenchApp } from './plain-b2bua.js';

export const KALLIOPE_PATH = 'flows/kalliope/attended-transfer.flow';

const SILENT: AdapterLog = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

export async function startFlowcB2bua(drachtio: { host: string; port: number; secret: string }, sdpAddress: string): Promise<BenchApp> {
  const text = readFileSync(join(repoRoot(), KALLIOPE_PATH), 'utf8');
  const { files, diagnostics } = await compile([{ path: KALLIOPE_PATH, text }], { kinds: ['js'] });
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`bench: ${KALLIOPE_PATH} does not compile: ${errors.map((d) => d.message).join('; ')}`);
  const machines = await loadMachines(files);
  const read = readConfig({
    drachtio,
    sdp: { address: sdpAddress },
    store: { type: 'memory' },
    routes: [
      {
        flow: 'AttendedTransfer',
        user: 'bench',
        inputs: { extensionDomain: sdpAddress, failoverUri: `sip:vm@${sdpAddress}` },
        invite: { transferredUri: 'header:X-Transfer-To' },
      },
    ],
  });
  if (!read.ok) throw new Error(`bench: flowc config: ${JSON.stringify(read.problems)}`);
  const started = await LiveApp.start({ config: read.config, machines, log: SILENT });
  if (!started.ok) throw new Error(`bench: flowc did not start: ${JSON.stringify(started.problems)}`);
  const app = started.app;
  const deadline = Date.now() + 10_000;
  while (!app.drachtio.connected) {
    if (Date.now() > deadline) {
      await app.drain(0);
      throw new Error('bench: flowc did not connect to drachtio-server');
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  // Failures from the metrics, not the event stream: a listener would make every step build its event.
  const metrics = app.system.liveMetrics;
  return {
    // Both legs up: the session has left Connecting (the party answered).
    connected: () => {
      let n = 0;
      for (const session of app.system.registry.sessions()) if (session.snapshot?.configuration.includes('Connecting') === false) n++;
      return n;
    },
    open: () => app.system.registry.size,
    failures: () => metrics.total('flowc_effects_failed_total') + metrics.total('flowc_persist_failures_total'),
    stop: () => app.drain(0),
  };
}
