import { gunzipSync } from 'node:zlib';
import { BATCHES_AHEAD, Control, type ReadAheadMessage } from './read-ahead-batch.js';
import { BatchPacker, type PackedBatch } from './read-ahead-packer.js';
import { openTrace } from './read-trace.js';
import { isGzip } from './trace-format.js';

/** Where batches go: the worker's end of the channel to the main thread. */
export interface BatchPort {
  postMessage(message: ReadAheadMessage, transfer: ArrayBuffer[]): void;
}

/**
 * The worker's whole job: `openTrace` as the main thread would call it,
 * its items packed into batches and posted to `port`, never more than
 * `BATCHES_AHEAD` batches ahead of what the main thread took (`control`,
 * read-ahead-batch.ts), so memory stays bounded however long the capture.
 * Stops when the main thread cancels. An exception (a flowc bug: openTrace
 * turns bad input into problem items) is posted as a failure, after the
 * items read before it.
 */
export function produceBatches(bytes: SharedArrayBuffer, name: string, port: BatchPort, control: Int32Array): void {
  try {
    const capture = inflated(bytes);
    const opened = openTrace(new Uint8Array(capture), name);
    const packer = new BatchPacker(opened.format, capture);
    for (const item of opened.items) {
      packer.add(item);
      if (packer.full && !post(packer.take(false), port, control)) return;
    }
    post(packer.take(true), port, control);
  } catch (error) {
    post({ batch: { type: 'failure', reason: error instanceof Error ? error.message : String(error) }, transfer: [] }, port, control);
  }
}

/**
 * A gzipped capture decompressed into shared memory, so that the main
 * thread reads its messages where they are, as it does those of a plain
 * capture. What does not decompress is left as it is: `openTrace`
 * reports why.
 */
function inflated(bytes: SharedArrayBuffer): SharedArrayBuffer {
  const buf = Buffer.from(bytes);
  if (!isGzip(buf)) return bytes;
  let plain: Buffer;
  try {
    plain = gunzipSync(buf);
  } catch {
    return bytes;
  }
  const shared = new SharedArrayBuffer(plain.length);
  plain.copy(Buffer.from(shared));
  return shared;
}

/** Posts once the main thread has room for it; false when it no longer wants items. */
function post(packed: PackedBatch | { readonly batch: ReadAheadMessage; readonly transfer: ArrayBuffer[] }, port: BatchPort, control: Int32Array): boolean {
  const posted = Atomics.load(control, Control.Posted);
  for (;;) {
    if (Atomics.load(control, Control.Cancelled) !== 0) return false;
    const taken = Atomics.load(control, Control.Taken);
    if (posted - taken < BATCHES_AHEAD) break;
    // The main thread bumps Taken when it takes a batch or cancels: wake on either.
    Atomics.wait(control, Control.Taken, taken);
  }
  const final = packed.batch.type === 'failure' || packed.batch.last;
  port.postMessage(packed.batch, packed.transfer);
  // Finished before Posted: once the main thread sees the last batch, the worker's exit is expected.
  if (final) Atomics.store(control, Control.Finished, 1);
  Atomics.add(control, Control.Posted, 1);
  Atomics.notify(control, Control.Posted);
  return true;
}
