import { closeSync, openSync, readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { asBuffer } from '../sip/buffer-view.js';
import { FileWindows, readFully, WINDOW_BYTES, type CaptureBytes, type FileBytes } from './capture-bytes.js';
import { gzipHead, gzipInflatedSize, GzipWindows } from './gzip-windows.js';
import type { CaptureRecord } from './capture-record.js';
import { captureItems } from './capture-reader.js';
import { eventLogItems } from './event-log-reader.js';
import { pcapPackets } from './pcap-file.js';
import { pcapngPackets } from './pcapng-file.js';
import { textLogItems, type TextLogOptions } from './text-log-reader.js';
import { detectTraceFormat, isGzip } from './trace-format.js';
import type { TraceFormat, TraceItem, TraceRead } from './trace-item.js';

export type ReadTraceOptions = TextLogOptions;

/** A trace whose items are read as they are iterated: for traces too large to hold as items. */
export interface OpenedTrace {
  readonly name: string;
  readonly format: TraceFormat;
  readonly items: Iterable<TraceItem>;
}

/**
 * Opens a trace: the format is detected from the bytes (pcap, pcapng,
 * either gzipped, JSONL event log, text log), never from `name`, which
 * only labels the items. Never throws: what cannot be read is a problem item.
 */
export function openTrace(bytes: Uint8Array, name: string, options: ReadTraceOptions = {}): OpenedTrace {
  let buf = asBuffer(bytes);
  if (isGzip(buf)) {
    const inflated = gunzip(buf);
    if (typeof inflated === 'string') return { name, format: 'unknown', items: [fileProblem(name, `cannot decompress gzip: ${inflated}`)] };
    buf = inflated;
  }
  const format = detectTraceFormat(buf);
  switch (format) {
    case 'pcap':
      return { name, format, items: captureItems(() => pcapPackets(buf), name) };
    case 'pcapng':
      return { name, format, items: captureItems(() => pcapngPackets(buf), name) };
    case 'jsonl':
      return { name, format, items: eventLogItems(buf.toString('utf8'), name) };
    case 'text':
      return { name, format, items: textLogItems(buf.toString('utf8'), name, options) };
    default:
      return {
        name,
        format,
        items: [fileProblem(name, buf.length === 0 ? 'empty file' : 'unrecognised trace format (not pcap, pcapng, a JSONL event log or a SIP text log)')],
      };
  }
}

export interface OpenTraceFileOptions extends ReadTraceOptions {
  /** Bytes read from disk at a time (capture-bytes.ts). Default: 32 MiB. */
  readonly windowBytes?: number;
  /** The capture's bytes in shared memory (windows, or a gzipped capture inflated whole): for the read-ahead worker. */
  readonly shared?: boolean;
  /** A gzipped capture that inflates to this many bytes or more is inflated as it is read (gzip-windows.ts), a smaller one whole. Default: 512 MiB. */
  readonly gzipStreamMinBytes?: number;
  /** Told the size of each window read (of the first reading of each iteration too). */
  readonly onWindow?: (bytes: number) => void;
}

/** A trace file opened to be read from disk as it is iterated, and how far reading has got. */
export interface StreamedTrace {
  readonly trace: OpenedTrace;
  /** The file's size, and how far into it reading has got (the end of the last record read; for a progress line). */
  readonly size: number;
  readonly position: () => number;
}

/** A gzipped capture inflating to this much or more is read a window at a time. */
export const GZIP_STREAM_MIN_BYTES = 512 * 1024 * 1024;

/** Enough of a file to tell its format (detectTraceFormat probes at most this much). */
export const HEAD_BYTES = 64 * 1024;

/**
 * `openTrace` of a file, reading a pcap or pcapng capture from disk a
 * window at a time as it is iterated: any size of capture, in bounded
 * memory (each iteration reads the file afresh). A large gzipped capture
 * is inflated as it is read (gzip-windows.ts); a small one, and text and
 * JSONL logs, are read whole, as `openTrace` reads them. Throws
 * what the file system says when the file cannot be opened or read.
 */
export function openTraceFile(path: string, name: string, options: OpenTraceFileOptions = {}): StreamedTrace {
  const size = statSync(path).size;
  const head = readHead(path, Math.min(size, HEAD_BYTES));
  const gzipped = isGzip(head);
  const plainHead = gzipped ? gzipHead(head) : head;
  const format = plainHead === undefined ? 'unknown' : detectTraceFormat(plainHead);
  const capture = format === 'pcap' || format === 'pcapng';
  const gzipMin = options.gzipStreamMinBytes ?? GZIP_STREAM_MIN_BYTES;
  if (!capture || (gzipped && !streamsGzip(path, size, gzipMin))) {
    const whole = readFileSync(path);
    // A small gzipped capture by its trailer, whose size wraps at 4 GiB: inflated whole only up to `gzipMin`, else as it is read after all.
    const plain = capture ? gunzipAtMost(whole, gzipMin) : whole;
    if (plain !== undefined) {
      // In the worker only captures come here, gzipped: inflated, they go to shared memory as windows do.
      const trace = openTrace(options.shared === true && capture ? inShared(plain) : plain, name, options);
      return { trace, size, position: () => size };
    }
  }
  const windowBytes = options.windowBytes ?? WINDOW_BYTES;
  const reader = format === 'pcap' ? pcapPackets : pcapngPackets;
  // The windows of the iteration going on: the first read of each (a second one re-reads the start for SDP, capture-reader.ts).
  let current: FileBytes | undefined;
  const iterate = (): Iterator<TraceItem> => {
    let first = true;
    const records = (): Generator<CaptureRecord> => {
      const shared = options.shared === true;
      const windows = gzipped ? new GzipWindows(path, size, windowBytes, shared, options.onWindow) : new FileWindows(path, size, windowBytes, shared, options.onWindow);
      if (first) current = windows;
      first = false;
      return fileRecords(windows, reader);
    };
    return captureItems(records, name);
  };
  return {
    trace: { name, format, items: { [Symbol.iterator]: iterate } },
    size,
    position: () => current?.reached ?? 0,
  };
}

/**
 * Whether a gzipped capture is inflated as it is read rather than whole:
 * when it inflates to `min` bytes or more (the trailer's size, which wraps
 * at 4 GiB), or is itself an eighth of that. zlib inflates a whole file
 * twice as fast as the streaming inflater, and holding a small one is no
 * burden.
 */
function streamsGzip(path: string, size: number, min: number): boolean {
  return size >= min / 8 || (gzipInflatedSize(path, size) ?? 0) >= min;
}

/** The records of a file read from disk; the file is closed when they end or the loop is left, and a read that failed is said. */
function* fileRecords(windows: FileBytes, read: (bytes: CaptureBytes) => Generator<CaptureRecord>): Generator<CaptureRecord> {
  let frame = 0;
  let time = 0;
  try {
    for (const record of read(windows)) {
      frame = record.frame;
      time = record.time;
      yield record;
    }
    if (windows.failure !== undefined) {
      yield { kind: 'problem', frame, time, reason: `cannot read the file past byte ${windows.length}: ${windows.failure}` };
    }
  } finally {
    windows.close();
  }
}

/**
 * A gzipped capture inflated into shared memory, so that the read-ahead
 * worker's main thread reads its messages where they are, as it does
 * those of a plain capture. What is not gzip, or does not inflate, is left
 * as it is (`openTrace` reports why).
 */
export function inflatedShared(gzipped: Buffer): Buffer {
  if (!isGzip(gzipped)) return gzipped;
  const plain = gunzip(gzipped);
  return typeof plain === 'string' ? gzipped : inShared(plain);
}

/** The bytes in shared memory: as they are when they already are, else copied there. */
function inShared(bytes: Buffer): Buffer {
  if (bytes.buffer instanceof SharedArrayBuffer) return bytes;
  const shared = Buffer.from(new SharedArrayBuffer(bytes.length));
  bytes.copy(shared);
  return shared;
}

/** The file's first `length` bytes (fewer if it is shorter). */
export function readHead(path: string, length: number): Buffer {
  const head = Buffer.alloc(length);
  const fd = openSync(path, 'r');
  try {
    return head.subarray(0, readFully(fd, head, 0));
  } finally {
    closeSync(fd);
  }
}

/** Reads a whole trace into memory. */
export function readTrace(bytes: Uint8Array, name: string, options: ReadTraceOptions = {}): TraceRead {
  const opened = openTrace(bytes, name, options);
  return { name, format: opened.format, items: [...opened.items] };
}

/** A gzipped file inflated, or as it is when it does not inflate (`openTrace` says why); undefined when it inflates past `max` bytes. */
function gunzipAtMost(gzipped: Buffer, max: number): Buffer | undefined {
  try {
    return gunzipSync(gzipped, { maxOutputLength: Math.max(1, max) });
  } catch (error) {
    return (error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE' ? undefined : gzipped;
  }
}

function gunzip(buf: Buffer): Buffer | string {
  try {
    return gunzipSync(buf);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function fileProblem(trace: string, reason: string): TraceItem {
  return { kind: 'problem', trace, frame: 0, time: 0, severity: 'error', reason };
}
