import { BATCHES_AHEAD, Control, type ReadAheadMessage } from './read-ahead-batch.js';
import { BatchPacker, type PackedBatch } from './read-ahead-packer.js';
import { windowCollector } from './window-collection.js';
import { inflatedShared, openTrace, openTraceFile, type OpenedTrace, type StreamedTrace } from './read-trace.js';

/** Where batches go: the worker's end of the channel to the main thread. */
export interface BatchPort {
  postMessage(message: ReadAheadMessage, transfer: ArrayBuffer[]): void;
}

/** What the reader reads: a capture in shared memory, or a file it reads from disk a window at a time. */
export type ReaderSource =
  | { readonly bytes: SharedArrayBuffer }
  | { readonly path: string; readonly windowBytes?: number; readonly gzipStreamMinBytes?: number };

/**
 * The worker's whole job: `openTrace` (or `openTraceFile`) as the main
 * thread would call it, its items packed into batches and posted to
 * `port`, never more than `BATCHES_AHEAD` batches ahead of what the main
 * thread took (`control`, read-ahead-batch.ts), so memory stays bounded
 * however long the capture. Stops when the main thread cancels. An
 * exception (a flowc bug: the readers turn bad input into problem items)
 * is posted as a failure, after the items read before it.
 */
export function produceBatches(source: ReaderSource, name: string, port: BatchPort, control: Int32Array): void {
  try {
    const { trace, file } = opened(source, name);
    const packer = new BatchPacker(trace.format);
    for (const item of trace.items) {
      packer.add(item);
      if (packer.full) {
        if (file !== undefined) Atomics.store(control, Control.ReadKiB, Math.floor(file.position() / 1024));
        if (!post(packer.take(false), port, control)) return;
      }
    }
    // Rounded up at the end, so that the main thread's position (capped at the size) says all of it.
    if (file !== undefined) Atomics.store(control, Control.ReadKiB, Math.ceil(file.size / 1024));
    post(packer.take(true), port, control);
  } catch (error) {
    post({ batch: { type: 'failure', reason: error instanceof Error ? error.message : String(error) }, transfer: [] }, port, control);
  }
}

/** The trace to read; a file's read from disk into shared windows, which the main thread reads messages from where they are. */
function opened(source: ReaderSource, name: string): { readonly trace: OpenedTrace; readonly file?: StreamedTrace } {
  if ('bytes' in source) return { trace: openTrace(inflatedShared(Buffer.from(source.bytes)), name) };
  const { path, ...sizes } = source;
  const file = openTraceFile(path, name, { ...sizes, shared: true, onWindow: windowCollector() });
  return { trace: file.trace, file };
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
