/**
 * The live benchmark (issue 5): calls per second and memory per live call
 * through drachtio-server with SIPp driving the Answer flow, against a plain
 * hand-written drachtio-srf app doing the same call in the same run. flowc's
 * overhead must stay within 10% of the plain app's CPS and within 2 KiB of
 * its memory per call. Signalling only (no FreeSWITCH), so the media server
 * is not what is measured. BENCH_CALLS / BENCH_HELD size it.
 */
import { describe, expect } from 'vitest';
import { envValue, liveIt, liveServers } from './live-env.js';
import { compileFlows, startFlowc, until } from './live-harness.js';
import { startPlainApp } from './plain-drachtio-app.js';
import { sippPeer } from './sipp-peer.js';

const CALLS = Number(envValue('BENCH_CALLS') ?? '2000');
const HELD = Number(envValue('BENCH_HELD') ?? '500');

function heap(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  return process.memoryUsage().heapUsed;
}

interface Measure {
  readonly cps: number;
  readonly bytesPerCall: number;
}

async function measure(active: () => number, port: number): Promise<Measure> {
  const servers = liveServers();
  // Throughput: CALLS short calls as fast as they go (at most 200 at once).
  const start = Date.now();
  const burst = await sippPeer(servers, 'bench', { scenario: 'uac-bench.xml', port, calls: CALLS, rate: 1000, remote: servers.drachtioSip, keys: { hold: '100' }, timeoutSeconds: 600 });
  expect(await burst.done).toBe(0);
  const cps = CALLS / ((Date.now() - start) / 1000);
  // Memory: HELD calls held up at once.
  await until(() => active() === 0, 'the burst to clear', 30_000);
  const before = heap();
  const held = await sippPeer(servers, 'held', { scenario: 'uac-bench.xml', port: port + 1, calls: HELD, rate: 200, remote: servers.drachtioSip, keys: { hold: '30000' }, timeoutSeconds: 120 });
  await until(() => active() >= HELD, 'every held call to be up', 60_000);
  const bytesPerCall = (heap() - before) / HELD;
  expect(await held.done).toBe(0);
  return { cps, bytesPerCall };
}

describe('benchmark, live', () => {
  liveIt('flowc vs a plain drachtio-srf app: CPS within 10%, memory within 2 KiB per call', async () => {
    const servers = liveServers();
    const plainApp = await startPlainApp(servers.drachtio, servers.peerAddress);
    const plain = await measure(() => plainApp.active(), 5101);
    plainApp.stop();

    const machines = await compileFlows(['test/live/flows/answer.flow']);
    const flowc = await startFlowc(servers, machines, { routes: [{ flow: 'Answer', user: 'bench' }] }, { media: false });
    const ours = await measure(() => flowc.app.system.registry.size, 5111);
    await flowc.stop();

    console.log(`benchmark: plain ${plain.cps.toFixed(1)} cps, ${plain.bytesPerCall.toFixed(0)} B/call; flowc ${ours.cps.toFixed(1)} cps, ${ours.bytesPerCall.toFixed(0)} B/call`);
    expect(ours.cps).toBeGreaterThanOrEqual(plain.cps * 0.9);
    expect(ours.bytesPerCall - plain.bytesPerCall).toBeLessThanOrEqual(2048);
  }, { timeoutMs: 900_000 });
});
