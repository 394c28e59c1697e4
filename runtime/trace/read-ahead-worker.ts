/**
 * The read-ahead reader thread's entry (started by read-ahead-supervisor.ts
 * for read-ahead.ts): reads the trace in `workerData` and posts its items.
 */
import { workerData } from 'node:worker_threads';
import type { ReaderData } from './read-ahead-data.js';
import { produceBatches } from './read-ahead-producer.js';

const data = workerData as ReaderData;
produceBatches(data.source, data.name, data.port, new Int32Array(data.control));
