/**
 * A full collection of a thread's heap each time it has let go of
 * `bytes` of a capture's shared windows. A window's shared memory is freed
 * only once no thread can reach it, and V8 counts no SharedArrayBuffer
 * towards starting a collection: a thread whose heap grows slowly (the
 * reader; the replay, which forgets finished calls) would otherwise hold
 * every window it let go of until its next full collection — up to the
 * whole capture. A full collection of such a heap takes a few ms.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Shared memory let go of between collections: a few windows. */
export const COLLECT_AFTER_BYTES = 128 * 1024 * 1024;

/** Counts bytes let go of; collects past `after`. */
export function windowCollector(after = COLLECT_AFTER_BYTES): (bytes: number) => void {
  // `gc` of a fresh context: the flag exposes it to contexts made after it is set, not to the caller's global scope.
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  let since = 0;
  return (bytes) => {
    since += bytes;
    if (since < after) return;
    since = 0;
    gc();
  };
}
