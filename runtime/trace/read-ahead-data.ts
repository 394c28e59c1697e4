import type { MessagePort } from 'node:worker_threads';
import type { ReaderSource } from './read-ahead-producer.js';

/** What the reader thread (read-ahead-worker.ts) is started with. */
export interface ReaderData {
  /** The trace file's bytes, shared (copied once on the main thread, never again), or its path, read from disk by the reader. */
  readonly source: ReaderSource;
  readonly name: string;
  /** Where batches go; the main thread receives them synchronously. */
  readonly port: MessagePort;
  /** `CONTROL_SLOTS` Int32 counters (read-ahead-batch.ts). */
  readonly control: SharedArrayBuffer;
}

/** What the supervisor thread (read-ahead-supervisor.ts) is started with: the reader's data, and how to report its death. */
export interface SupervisorData extends ReaderData {
  /** The reader's entry (a URL), which tests replace with a failing one. */
  readonly reader: string;
  /** Where the supervisor tells the main thread why the reader died. */
  readonly status: MessagePort;
}
