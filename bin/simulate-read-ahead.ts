/**
 * Whether `flowc simulate` reads a capture ahead in a worker thread
 * (runtime/trace/read-ahead.ts): then decoding and parsing run on another
 * core while the replay runs, which pays only for captures large enough
 * (tens of MB) and only with a core to spare. `--no-read-ahead` turns it
 * off; `FLOWC_READ_AHEAD_MIN_BYTES` sets the size from which it is used
 * (tests set it low to use it on small fixtures).
 */
import { availableParallelism } from 'node:os';

/**
 * Captures from this size on are read ahead. Measured (docs/simulate.md,
 * "Speed"): a fresh process replays a smaller capture faster on
 * one thread, because the worker's start and a second cold code path (the
 * batches' unpacking) cost more than the reading it takes off the main
 * thread; the two break even at ~50–100 MB, and at 172 MB the worker is
 * ~20% faster.
 */
export const READ_AHEAD_MIN_BYTES = 64 * 1024 * 1024;

export interface ReadAheadPolicy {
  readonly enabled: boolean;
  readonly minBytes: number;
}

/** The policy from `--[no-]read-ahead`, the environment and the machine; a string says what is wrong with the environment. */
export function readAheadPolicy(flag: boolean, env: NodeJS.ProcessEnv, cores: number = availableParallelism()): ReadAheadPolicy | string {
  const written = env['FLOWC_READ_AHEAD_MIN_BYTES'];
  let minBytes = READ_AHEAD_MIN_BYTES;
  if (written !== undefined && written !== '') {
    if (!/^\d{1,15}$/.test(written)) return `FLOWC_READ_AHEAD_MIN_BYTES \`${written}\` is not a number of bytes`;
    minBytes = Number(written);
  }
  return { enabled: flag && cores > 1, minBytes };
}

export function wantsReadAhead(bytes: number, policy: ReadAheadPolicy): boolean {
  return policy.enabled && bytes >= policy.minBytes;
}
