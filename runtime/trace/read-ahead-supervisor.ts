/**
 * Watches the read-ahead reader thread. The main thread cannot: it sleeps
 * in `Atomics.wait` while it waits for a batch, so it never sees a
 * worker's `exit` event, and a reader that dies without posting (killed,
 * out of memory) would leave it waiting forever. This thread does nothing
 * but start the reader and, if the reader exits before its last batch,
 * post why on `status` and wake the main thread.
 */
import { Worker, workerData } from 'node:worker_threads';
import { Control, type ReadFailure } from './read-ahead-batch.js';
import type { ReaderData, SupervisorData } from './read-ahead-data.js';

const data = workerData as SupervisorData;
const control = new Int32Array(data.control);
Atomics.store(control, Control.SupervisorUp, 1);
const readerData: ReaderData = { source: data.source, name: data.name, port: data.port, control: data.control };
const reader = new Worker(new URL(data.reader), { workerData: readerData, transferList: [data.port] });
let error: string | undefined;
reader.on('error', (e: unknown) => {
  error = e instanceof Error ? e.message : String(e);
});
reader.on('exit', (code) => {
  if (Atomics.load(control, Control.Finished) !== 0 || Atomics.load(control, Control.Cancelled) !== 0) return;
  const failure: ReadFailure = { type: 'failure', reason: error ?? `the reader thread stopped (exit code ${code}) before the end of the trace` };
  data.status.postMessage(failure);
  Atomics.store(control, Control.Finished, 1);
  Atomics.add(control, Control.Posted, 1);
  Atomics.notify(control, Control.Posted);
  data.status.close();
});
