/**
 * Paired, interleaved measurement of ours against a peer: each round runs
 * ours then the peer (alternating which goes first) on batches sized to take
 * about the same time, and the ratio is the median of the per-round ratios.
 * A load spike then hits both sides of a round, not one side of the result.
 * Time is this process's CPU time, not wall time: on a shared machine a
 * batch can wait for a core longer than it runs, and that wait is not ours.
 */
import { median } from './stats.js';
import { collectGarbage, cpuMs } from './timing.js';

/** One timed batch: runs `iterations` operations and returns how many units of work they were (events, messages). */
export type Batch = (iterations: number) => number;

export interface PairedOptions {
  readonly rounds: number;
  /** Target duration of one batch; the iteration count is calibrated to it per side. */
  readonly batchMs: number;
}

export interface PairedResult {
  /** Median nanoseconds per unit of work. */
  readonly oursNs: number;
  readonly peerNs: number;
  /** Median over rounds of peerNs / oursNs: how many times faster ours is. */
  readonly ratio: number;
  readonly rounds: number;
}

export function measurePaired(ours: Batch, peer: Batch, options: PairedOptions): PairedResult {
  warm(ours, options.batchMs);
  warm(peer, options.batchMs);
  const oursIterations = calibrate(ours, options.batchMs);
  const peerIterations = calibrate(peer, options.batchMs);
  const oursNs: number[] = [];
  const peerNs: number[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    // Alternate the order so neither side always runs right after the other's garbage.
    const first = round % 2 === 0;
    let a: number;
    let b: number;
    if (first) {
      a = nsPerUnit(ours, oursIterations);
      b = nsPerUnit(peer, peerIterations);
    } else {
      b = nsPerUnit(peer, peerIterations);
      a = nsPerUnit(ours, oursIterations);
    }
    oursNs.push(a);
    peerNs.push(b);
    ratios.push(b / a);
  }
  return { oursNs: median(oursNs), peerNs: median(peerNs), ratio: median(ratios), rounds: options.rounds };
}

// No forced gc() between batches: V8 ages code on every full collection, and forcing one per batch
// flushes and re-optimises the hot functions, which then dominates a 60 ms batch (measured: 5x slower).
function nsPerUnit(batch: Batch, iterations: number): number {
  const start = cpuMs();
  const units = batch(iterations);
  const elapsed = cpuMs() - start;
  return (elapsed * 1e6) / Math.max(units, 1);
}

/**
 * Runs a side for at least 100 ms (or two batches) of CPU before anything is
 * timed: V8 optimises a function only after many calls, and a first batch
 * in the interpreter would be timed as if it were the code's speed.
 */
function warm(batch: Batch, batchMs: number): void {
  const until = cpuMs() + Math.max(100, 2 * batchMs);
  for (let iterations = 1; cpuMs() < until; iterations = Math.min(iterations * 2, 1 << 16)) batch(iterations);
}

/** Doubles the iteration count until a batch takes `batchMs`/4, then scales. */
export function calibrate(batch: Batch, batchMs: number): number {
  let iterations = 1;
  for (;;) {
    const start = cpuMs();
    batch(iterations);
    const elapsed = cpuMs() - start;
    if (elapsed >= batchMs / 4 || iterations >= 1 << 24) {
      return Math.max(1, Math.round((iterations * batchMs) / Math.max(elapsed, 0.001)));
    }
    iterations *= 2;
  }
}

/** One whole run of a side (a replay of a capture): resolves to the units of work it did. */
export type Run = () => Promise<number>;

/**
 * Paired rounds of whole runs, for work too large to batch (a 10,000-call
 * replay): a warm-up run of each side first, a collected heap before every
 * timed run, and the same median-of-ratios as measurePaired.
 */
export async function measurePairedRuns(ours: Run, peer: Run, rounds: number, warmUp: { ours: Run; peer: Run }): Promise<PairedResult> {
  await warmUp.ours();
  await warmUp.peer();
  const oursNs: number[] = [];
  const peerNs: number[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? [ours, peer] : [peer, ours];
    const times: number[] = [];
    for (const side of order) {
      collectGarbage();
      const start = cpuMs();
      const units = await side();
      times.push(((cpuMs() - start) * 1e6) / Math.max(units, 1));
    }
    const a = round % 2 === 0 ? (times[0] as number) : (times[1] as number);
    const b = round % 2 === 0 ? (times[1] as number) : (times[0] as number);
    oursNs.push(a);
    peerNs.push(b);
    ratios.push(b / a);
  }
  return { oursNs: median(oursNs), peerNs: median(peerNs), ratio: median(ratios), rounds };
}
