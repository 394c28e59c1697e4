/**
 * How `flowc simulate` reads a capture. Ahead in a worker thread
 * (runtime/trace/read-ahead.ts): then decoding and parsing run on another
 * core while the replay runs, which pays only for captures large enough
 * (tens of MB) and only with a core to spare. `--no-read-ahead` turns it
 * off; `FLOWC_READ_AHEAD_MIN_BYTES` sets the size from which it is used
 * (tests set it low to use it on small fixtures). From disk a window at a
 * time, on the main thread (`openTraceFile`), for captures too large to
 * hold in memory: `FLOWC_STREAM_MIN_BYTES` sets the size from which.
 * A gzipped capture read from disk is inflated as it is read when it
 * inflates to `FLOWC_GZIP_STREAM_MIN_BYTES` or more (512 MiB), else whole.
 */
import { availableParallelism } from 'node:os';
import { GZIP_STREAM_MIN_BYTES } from '../runtime/trace/read-trace.js';

/**
 * Captures from this size on are read ahead. Measured (docs/simulate.md,
 * "Speed"): a fresh process replays a smaller capture faster on
 * one thread, because the worker's start and a second cold code path (the
 * batches' unpacking) cost more than the reading it takes off the main
 * thread; the two break even at ~50–100 MB, and at 172 MB the worker is
 * ~20% faster.
 */
export const READ_AHEAD_MIN_BYTES = 64 * 1024 * 1024;

/**
 * Captures from this size on are read from disk as they are replayed, not
 * held whole: a Buffer holds at most 4 GiB, and a night's capture is past
 * that. Below it, holding the file and reading it ahead is faster.
 */
export const STREAM_MIN_BYTES = 1024 * 1024 * 1024;

export interface ReadAheadPolicy {
  readonly enabled: boolean;
  readonly minBytes: number;
  /** Captures of this size or more are read from disk as they are replayed (on the main thread). */
  readonly streamMinBytes: number;
  /** A gzipped capture read from disk that inflates to this size or more is inflated as it is read. */
  readonly gzipStreamMinBytes: number;
}

/** The policy from `--[no-]read-ahead`, the environment and the machine; a string says what is wrong with the environment. */
export function readAheadPolicy(flag: boolean, env: NodeJS.ProcessEnv, cores: number = availableParallelism()): ReadAheadPolicy | string {
  const minBytes = bytesFrom(env, 'FLOWC_READ_AHEAD_MIN_BYTES', READ_AHEAD_MIN_BYTES);
  if (typeof minBytes === 'string') return minBytes;
  const streamMinBytes = bytesFrom(env, 'FLOWC_STREAM_MIN_BYTES', STREAM_MIN_BYTES);
  if (typeof streamMinBytes === 'string') return streamMinBytes;
  const gzipStreamMinBytes = bytesFrom(env, 'FLOWC_GZIP_STREAM_MIN_BYTES', GZIP_STREAM_MIN_BYTES);
  if (typeof gzipStreamMinBytes === 'string') return gzipStreamMinBytes;
  return { enabled: flag && cores > 1, minBytes, streamMinBytes, gzipStreamMinBytes };
}

/** A size in bytes from the environment, or the default; a string says what is wrong with it. */
function bytesFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number | string {
  const written = env[name];
  if (written === undefined || written === '') return fallback;
  if (!/^\d{1,15}$/.test(written)) return `${name} \`${written}\` is not a number of bytes`;
  return Number(written);
}

export function wantsReadAhead(bytes: number, policy: ReadAheadPolicy): boolean {
  return policy.enabled && bytes >= policy.minBytes;
}

export function wantsStream(bytes: number, policy: ReadAheadPolicy): boolean {
  return bytes >= policy.streamMinBytes;
}
