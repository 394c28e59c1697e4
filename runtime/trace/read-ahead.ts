import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { asBuffer } from '../sip/buffer-view.js';
import { CONTROL_SLOTS, Control, type ItemBatch, type ReadAheadMessage } from './read-ahead-batch.js';
import type { SupervisorData } from './read-ahead-data.js';
import { BatchUnpacker } from './read-ahead-unpacker.js';
import type { ReaderSource } from './read-ahead-producer.js';
import { HEAD_BYTES, openTrace, openTraceFile, readHead, type OpenedTrace, type ReadTraceOptions, type StreamedTrace } from './read-trace.js';
import { detectTraceFormat, isGzip } from './trace-format.js';
import { windowCollector } from './window-collection.js';
import { gzipHead } from './gzip-windows.js';
import type { TraceFormat, TraceItem } from './trace-item.js';

export interface ReadAheadOptions extends ReadTraceOptions {
  /** The reader thread's entry; tests give a failing one. Default: read-ahead-worker.js beside this module. */
  readonly readerUrl?: URL;
  /** The supervisor thread's entry; tests give a failing one. Default: read-ahead-supervisor.js beside this module. */
  readonly supervisorUrl?: URL;
  /** How long the supervisor thread may take to start before the read fails. Default: 30 s (a thread starts in well under 1 s, even on a busy machine). */
  readonly startTimeoutMs?: number;
  /**
   * Start the threads now, not when iterating starts: their start (some
   * 150 ms before the first batch) then overlaps what the caller does
   * first (`flowc simulate` compiles the flow). The first iteration takes
   * them; a read never iterated is stopped once it is garbage.
   */
  readonly startNow?: boolean;
}

export interface ReadAheadFileOptions extends ReadAheadOptions {
  /** Bytes the worker reads from disk at a time (capture-bytes.ts). Default: 32 MiB. */
  readonly windowBytes?: number;
  /** A gzipped capture inflating to this many bytes or more is inflated by the worker as it reads (gzip-windows.ts). Default: 512 MiB. */
  readonly gzipStreamMinBytes?: number;
}

/** What a read ahead is started with. */
interface ReadAheadSetup {
  readonly readerUrl: URL;
  readonly supervisorUrl: URL;
  readonly startTimeoutMs: number;
}

/** How often the waiting main thread looks whether the supervisor thread started. */
const START_CHECK_MS = 250;

/**
 * `openTrace`, with a capture (pcap or pcapng, gzipped or not) read in a
 * worker thread while the caller replays what was read: decoding,
 * reassembly, SIP parsing and retransmission flags then cost the calling
 * thread nothing but rebuilding each item (read-ahead-unpacker.ts). The
 * items are equal to `openTrace`'s. Text and JSONL logs, and what is no
 * trace, are opened on this thread by `openTrace`. A gzipped file is told
 * a capture by inflating its start only; if the rest turns out corrupt,
 * the items are still openTrace's (one problem), but the format says
 * `pcap`/`pcapng` where openTrace says `unknown`.
 *
 * Bytes in a SharedArrayBuffer are read where they are; others are copied
 * into one when iterating starts.
 *
 * Iterating starts the worker (or opening it, with `startNow`); finishing,
 * or leaving the loop early, stops it; it never keeps the process alive.
 * If the worker fails (a flowc bug, or the thread killed), iterating
 * throws after the items read before it.
 */
export function openTraceAhead(bytes: Uint8Array, name: string, options: ReadAheadOptions = {}): OpenedTrace {
  const format = captureFormat(asBuffer(bytes));
  if (format === undefined) return openTrace(bytes, name, options);
  const setup = setupOf(options);
  return { name, format, items: readAheadItems(bytes, name, setup, options, undefined) };
}

/**
 * `openTraceFile` with a capture read from disk in a worker thread, a
 * window at a time, while the caller replays what was read: the calling
 * thread neither reads the file nor holds it (each window in shared memory
 * is let go once the replay holds no message in it), whatever its size.
 * Logs, and what is no capture, are opened by `openTraceFile` on this
 * thread. `position()` is how far into the file the worker's packet
 * reader has got (updated with each batch). Throws what the file system
 * says when the file cannot be opened.
 */
export function openTraceAheadFile(path: string, name: string, options: ReadAheadFileOptions = {}): StreamedTrace {
  const size = statSync(path).size;
  const format = captureFormat(readHead(path, Math.min(size, HEAD_BYTES)));
  if (format === undefined) return openTraceFile(path, name, options);
  const setup = setupOf(options);
  const source: ReaderSource = {
    path,
    ...(options.windowBytes === undefined ? {} : { windowBytes: options.windowBytes }),
    ...(options.gzipStreamMinBytes === undefined ? {} : { gzipStreamMinBytes: options.gzipStreamMinBytes }),
  };
  const progress: Progress = { control: undefined };
  return {
    trace: { name, format, items: readAheadItems(source, name, setup, options, progress) },
    size,
    position: () => (progress.control === undefined ? 0 : Math.min(size, Atomics.load(progress.control, Control.ReadKiB) * 1024)),
  };
}

/** Where the worker of the latest read says how far it has read. */
interface Progress {
  control: Int32Array | undefined;
}

/** Each iteration a read of its own; with `startNow`, the first one started already. */
function readAheadItems(source: Uint8Array | ReaderSource, name: string, setup: ReadAheadSetup, options: ReadAheadOptions, progress: Progress | undefined): Iterable<TraceItem> {
  let started = options.startNow === true ? new ReadAheadItems(source, name, setup, progress).started() : undefined;
  const iterator = (): ReadAheadItems => {
    const items = started ?? new ReadAheadItems(source, name, setup, progress);
    started = undefined;
    return items;
  };
  return { [Symbol.iterator]: iterator };
}

function setupOf(options: ReadAheadOptions): ReadAheadSetup {
  return {
    readerUrl: options.readerUrl ?? new URL('./read-ahead-worker.js', import.meta.url),
    supervisorUrl: options.supervisorUrl ?? new URL('./read-ahead-supervisor.js', import.meta.url),
    startTimeoutMs: options.startTimeoutMs ?? 30_000,
  };
}

/** pcap or pcapng, told by the first bytes; of a gzipped file, by inflating only its start. */
function captureFormat(buf: Buffer): TraceFormat | undefined {
  // What does not inflate is opened on this thread, which reports what is wrong with it.
  const head = isGzip(buf) ? gzipHead(buf.subarray(0, HEAD_BYTES)) : buf;
  if (head === undefined) return undefined;
  const format = detectTraceFormat(head);
  return format === 'pcap' || format === 'pcapng' ? format : undefined;
}

/**
 * The bytes in memory both threads can read: as they are when the caller
 * read them into a SharedArrayBuffer (`flowc simulate` does), else copied
 * into one (some ms per 10 MB, on the calling thread).
 */
function sharedBytes(bytes: Uint8Array): SharedArrayBuffer {
  const buffer = bytes.buffer;
  if (buffer instanceof SharedArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength) return buffer;
  const shared = new SharedArrayBuffer(bytes.length);
  new Uint8Array(shared).set(bytes);
  return shared;
}

/** The main thread's side: waits for batches (synchronously: a replay iterates synchronously) and unpacks them. */
class ReadAheadItems implements Iterator<TraceItem> {
  readonly #source: Uint8Array | ReaderSource;
  readonly #progress: Progress | undefined;
  readonly #name: string;
  readonly #setup: ReadAheadSetup;
  readonly #unpacker: BatchUnpacker;
  #running: Running | undefined;
  #state: 'new' | 'reading' | 'done' = 'new';
  /** Collects this thread's heap now and then as windows are let go of (window-collection.ts): made on the first. */
  #collect: ((bytes: number) => void) | undefined;
  #last = false;

  constructor(source: Uint8Array | ReaderSource, name: string, setup: ReadAheadSetup, progress: Progress | undefined) {
    this.#source = source;
    this.#progress = progress;
    this.#name = name;
    this.#setup = setup;
    this.#unpacker = new BatchUnpacker(name);
  }

  /** Starts the threads before the first `next()`. */
  started(): this {
    if (this.#state === 'new') this.#start();
    return this;
  }

  next(): IteratorResult<TraceItem> {
    if (this.#state === 'new') this.#start();
    while (this.#state === 'reading') {
      const item = this.#unpacker.next();
      if (item !== undefined) return { value: item, done: false };
      if (this.#last) break;
      const message = this.#receive();
      if (message.type === 'failure') {
        this.#stop();
        throw new Error(`reading \`${this.#name}\` in a worker thread failed: ${message.reason}`);
      }
      this.#take(message);
    }
    this.#stop();
    return { value: undefined, done: true };
  }

  /** The loop was left early: stop the worker. */
  return(): IteratorResult<TraceItem> {
    this.#stop();
    return { value: undefined, done: true };
  }

  #start(): void {
    const { supervisorUrl, readerUrl } = this.#setup;
    // A thread whose entry cannot load dies before it can say so, and the main thread would wait forever: say it now.
    for (const entry of [supervisorUrl, readerUrl]) {
      if (entry.protocol === 'file:' && !existsSync(entry)) throw new Error(`reading \`${this.#name}\` in a worker thread: ${fileURLToPath(entry)} is missing (is dist/ built?)`);
    }
    this.#state = 'reading';
    const source = this.#source;
    const readerSource: ReaderSource = source instanceof Uint8Array ? { bytes: sharedBytes(source) } : source;
    const control = new SharedArrayBuffer(CONTROL_SLOTS * Int32Array.BYTES_PER_ELEMENT);
    const batches = new MessageChannel();
    const status = new MessageChannel();
    const data: SupervisorData = {
      reader: readerUrl.href,
      source: readerSource,
      name: this.#name,
      port: batches.port2,
      status: status.port2,
      control,
    };
    const supervisor = new Worker(supervisorUrl, {
      workerData: data,
      transferList: [batches.port2, status.port2],
    });
    // Never keep the process alive for a read nobody waits for; errors reach the main thread through `status`.
    supervisor.unref();
    supervisor.on('error', () => undefined);
    batches.port1.unref();
    status.port1.unref();
    this.#running = { supervisor, port: batches.port1, status: status.port1, control: new Int32Array(control), startedAt: performance.now() };
    if (this.#progress !== undefined) this.#progress.control = this.#running.control;
    abandoned.register(this, this.#running, this);
  }

  /** The next message from the worker, sleeping until one is posted. */
  #receive(): ReadAheadMessage {
    const running = this.#running;
    if (running === undefined) throw new Error('read-ahead: not running');
    for (;;) {
      // Read the count before looking: a batch posted after the look changes it, and the wait returns at once.
      const posted = Atomics.load(running.control, Control.Posted);
      const batch = receiveMessageOnPort(running.port);
      if (batch !== undefined) return batch.message as ReadAheadMessage;
      const failure = receiveMessageOnPort(running.status);
      if (failure !== undefined) return failure.message as ReadAheadMessage;
      if (Atomics.load(running.control, Control.SupervisorUp) !== 0) {
        Atomics.wait(running.control, Control.Posted, posted);
        continue;
      }
      // A supervisor that fails to load dies without a word (the main thread sees no worker events while it waits): give it a deadline.
      if (Atomics.wait(running.control, Control.Posted, posted, START_CHECK_MS) === 'timed-out' && Atomics.load(running.control, Control.SupervisorUp) === 0) {
        const waited = performance.now() - running.startedAt;
        if (waited >= this.#setup.startTimeoutMs) {
          return { type: 'failure', reason: `its supervisor thread (${this.#setup.supervisorUrl.href}) did not start within ${Math.round(waited)} ms` };
        }
      }
    }
  }

  #take(batch: ItemBatch): void {
    const running = this.#running;
    if (running !== undefined) {
      Atomics.add(running.control, Control.Taken, 1);
      Atomics.notify(running.control, Control.Taken);
    }
    this.#last = batch.last;
    const released = this.#unpacker.load(batch);
    if (released > 0) (this.#collect ??= windowCollector())(released);
  }

  #stop(): void {
    this.#state = 'done';
    const running = this.#running;
    if (running === undefined) return;
    this.#running = undefined;
    abandoned.unregister(this);
    stopThreads(running);
  }
}

/** The threads of a read and how to reach them. */
interface Running {
  readonly supervisor: Worker;
  readonly port: MessagePort;
  readonly status: MessagePort;
  readonly control: Int32Array;
  /** When the supervisor thread was asked to start (performance.now()). */
  readonly startedAt: number;
}

function stopThreads(running: Running): void {
  // Cancelled, then Taken bumped: a worker waiting for room wakes and sees it.
  Atomics.store(running.control, Control.Cancelled, 1);
  Atomics.add(running.control, Control.Taken, 1);
  Atomics.notify(running.control, Control.Taken);
  running.port.close();
  running.status.close();
  void running.supervisor.terminate();
}

/**
 * An iterator dropped without `return()` (a replay that threw mid-trace
 * iterates no further) would leave its reader waiting for room, holding
 * the capture, until the process ends: stop it once the iterator is
 * garbage.
 */
const abandoned = new FinalizationRegistry<Running>(stopThreads);
