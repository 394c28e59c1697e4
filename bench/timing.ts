/**
 * Timing primitives. Wall time is what a caller waits; CPU time (this
 * process's user + system) is what the code costs and moves much less when
 * other processes share the cores, so both are kept.
 */

export interface Timed {
  readonly wallMs: number;
  readonly cpuMs: number;
}

/** CPU time this process has used (all its threads: GC helpers count), in ms. */
export function cpuMs(): number {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
}

export function timeSync(run: () => void): Timed {
  const cpu = process.cpuUsage();
  const start = performance.now();
  run();
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (used.user + used.system) / 1000 };
}

/**
 * Absolute times (compile, cold processes) are judged on the lower of CPU
 * and wall time. Both over-state what a user of an idle machine waits: CPU
 * time adds V8's parallel GC and compiler threads, wall time adds waiting
 * for a core on a busy machine.
 */
export const BEST_OF = 'lower of CPU and wall time';

/** Forces a full collection when node runs with --expose-gc; a no-op otherwise (the memory section then says so). */
export function collectGarbage(): boolean {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) return false;
  gc();
  gc();
  return true;
}
