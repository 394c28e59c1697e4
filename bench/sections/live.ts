/**
 * Section 4: live, on a real drachtio-server (bench/live): calls per second
 * and heap per held call of flowc running seed 002 signalling only, against
 * a plain drachtio-srf application doing the same call, in paired rounds,
 * SIPp as caller and called party. Runs only when the live variables are
 * set (docs/live-testing.md); otherwise one row says it was skipped.
 */
import { LIVE_BENCH_VARIABLES, liveBenchTarget, runLiveBenchmark } from '../live/live-benchmark.js';
import type { BenchOptions } from '../options.js';
import { judged, type ResultRow } from '../result-row.js';

const SECTION = 'live (seed 002 on drachtio-server, no media; SIPp caller and called party)';

export async function liveRows(options: BenchOptions, progress: (line: string) => void): Promise<ResultRow[]> {
  const target = liveBenchTarget();
  if ('missing' in target) {
    return [{ section: SECTION, name: 'live: skipped', verdict: 'info', note: `needs a drachtio-server: set ${LIVE_BENCH_VARIABLES.join(', ')} (docs/live-testing.md)` }];
  }
  const sizes = { calls: options.live.calls, held: options.live.held, rounds: options.live.rounds, rate: 400, limit: 100 };
  const r = await runLiveBenchmark(target, sizes, progress);
  const peer = 'plain drachtio-srf app (bench/live/plain-b2bua.ts)';
  const failures = r.plain.failures + r.flowc.failures;
  return [
    judged({
      section: SECTION,
      name: 'live: calls per second',
      ours: { value: r.flowc.cps, unit: 'calls/s' },
      peer: { value: r.plain.cps, unit: 'calls/s' },
      ratio: r.cpsRatio,
      target: { kind: 'ratio>=', value: 0.9 },
      note: `${peer}; bursts of ${sizes.calls} calls (each up 100 ms, at most ${sizes.limit} at once, SIPp over TCP), median of ${sizes.rounds} paired rounds; ratio = flowc / plain${failures > 0 ? `; ${failures} calls FAILED in the apps` : ''}`,
    }),
    judged({
      section: SECTION,
      name: '  CPU per call (this process)',
      ours: { value: r.flowc.cpuMsPerCall, unit: 'ms/call' },
      peer: { value: r.plain.cpuMsPerCall, unit: 'ms/call' },
      ratio: 1 / r.cpuRatio,
      note: 'the steadier cost figure on a shared machine; SIPp and drachtio-server not counted',
    }),
    judged({
      section: SECTION,
      name: '  heap per held call',
      ours: { value: r.flowc.bytesPerCall, unit: 'B/call' },
      peer: { value: r.plain.bytesPerCall, unit: 'B/call' },
      ratio: r.plain.bytesPerCall / r.flowc.bytesPerCall,
      note: `${sizes.held} calls up at once (two dialogs each), heap after full collections, lowest of ${sizes.rounds} rounds`,
    }),
    judged({
      section: SECTION,
      name: 'live: heap over the plain app per held call',
      ours: { value: r.extraBytesPerCall, unit: 'B/call' },
      target: { kind: 'ours<=', value: 2048 },
      note: 'flowc minus the plain app',
    }),
  ];
}
