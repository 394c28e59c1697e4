/**
 * The live benchmark (issue 5), as a test: bench/live runs seed 002 in
 * flowc and the same call in a plain drachtio-srf app, in paired rounds on
 * the real drachtio-server, SIPp as caller and called party. A test does
 * not judge speed (a loaded machine would fail it, a quiet one pass it):
 * this one checks that the benchmark runs the same call through both apps
 * with no failed call and measures every figure, and prints them; the
 * targets (flowc at least 90% of the plain app's CPS, at most 2 KiB more
 * heap per held call) are judged by `npm run bench -- --only live`, which
 * prints the same figures as a table. BENCH_CALLS, BENCH_HELD, BENCH_ROUNDS
 * size it.
 */
import { describe, expect } from 'vitest';
import { liveBenchTarget, runLiveBenchmark } from '../../bench/live/live-benchmark.js';
import { envValue, liveIt } from './live-env.js';

describe('benchmark, live', () => {
  liveIt('flowc (seed 002) vs a plain drachtio-srf app: every call of both completes, every figure measured', async () => {
    const target = liveBenchTarget();
    if ('missing' in target) throw new Error(`set ${target.missing.join(', ')}`);
    const result = await runLiveBenchmark(
      target,
      {
        calls: Number(envValue('BENCH_CALLS') ?? '1000'),
        held: Number(envValue('BENCH_HELD') ?? '500'),
        rounds: Number(envValue('BENCH_ROUNDS') ?? '3'),
        rate: 400,
        limit: 100,
      },
      (line) => console.log(line),
    );
    const { plain, flowc } = result;
    console.log(
      `benchmark: plain ${plain.cps.toFixed(1)} cps, ${plain.cpuMsPerCall.toFixed(3)} ms CPU/call, ${plain.bytesPerCall.toFixed(0)} B/held call; ` +
        `flowc ${flowc.cps.toFixed(1)} cps, ${flowc.cpuMsPerCall.toFixed(3)} ms CPU/call, ${flowc.bytesPerCall.toFixed(0)} B/held call; ` +
        `CPS ratio ${result.cpsRatio.toFixed(3)}, CPU ratio ${result.cpuRatio.toFixed(2)}, +${result.extraBytesPerCall.toFixed(0)} B/call`,
    );
    expect([plain.failures, flowc.failures]).toEqual([0, 0]);
    for (const figure of [plain.cps, flowc.cps, plain.cpuMsPerCall, flowc.cpuMsPerCall, plain.bytesPerCall, flowc.bytesPerCall, result.cpsRatio]) {
      expect(Number.isFinite(figure) && figure > 0).toBe(true);
    }
  }, { timeoutMs: 1_800_000 });
});
