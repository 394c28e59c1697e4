import { gunzipSync } from 'node:zlib';
import { asBuffer } from '../sip/buffer-view.js';
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

/** Reads a whole trace into memory. */
export function readTrace(bytes: Uint8Array, name: string, options: ReadTraceOptions = {}): TraceRead {
  const opened = openTrace(bytes, name, options);
  return { name, format: opened.format, items: [...opened.items] };
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
