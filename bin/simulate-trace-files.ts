/**
 * The trace files of `flowc simulate`: checked up front (a missing file is
 * bad usage, reported before any replay starts), read one group at a time
 * (a capture and the event logs merged into it), with a progress line for
 * large files. A capture replayed alone is read item by item as the replay
 * asks (its items become garbage once replayed, so a long capture is never
 * held whole as items), in a worker thread when it is large, and from disk
 * a window at a time when it is too large to hold as bytes
 * (simulate-read-ahead.ts); a group of several files is read the same way,
 * file by file, merged by time as the replay reads.
 */
import { readFile, stat } from 'node:fs/promises';
import { mergeOpenedTraces, openTrace, openTraceFile, type OpenedTrace, type StreamedTrace, type TraceItem } from '../runtime/trace/index.js';
import { openTraceAheadFile } from '../runtime/trace/read-ahead.js';
import { gzipInflatedSize } from '../runtime/trace/gzip-windows.js';
import { countFrames } from './simulate-frame-count.js';
import type { TraceGroup } from './simulate-pairing.js';
import { NO_PROGRESS, PROGRESS_MIN_BYTES, type ProgressSink } from './simulate-progress.js';
import { wantsReadAhead, wantsStream, type ReadAheadPolicy } from './simulate-read-ahead.js';
import { describeFsError } from './source-files.js';

/** Ask for a progress line between this many items. */
const PROGRESS_EVERY = 4096;

export interface FileProblem {
  readonly path: string;
  readonly reason: string;
}

export async function unreadableFiles(paths: readonly string[]): Promise<FileProblem[]> {
  const problems: FileProblem[] = [];
  for (const path of paths) {
    try {
      const info = await stat(path);
      if (info.isDirectory()) problems.push({ path, reason: 'is a directory' });
    } catch (error) {
      problems.push({ path, reason: describeFsError(error) });
    }
  }
  return problems;
}

/** `progressFor(name, bytes)`: the progress line for a file, or none. */
export type ProgressFactory = (name: string, bytes: number) => ProgressSink;

export interface GroupRead {
  /** Items read as they are iterated: one file's, or several files' merged by time as they are read. */
  readonly trace: OpenedTrace;
  /** Size of the group's files together. */
  readonly bytes: number;
}

/** The group's files, opened to be read as the replay asks and merged by time; a file that fails to open now (removed since the check) is a FileProblem. */
export async function readTraceGroup(group: TraceGroup, progressFor: ProgressFactory, readAhead: ReadAheadPolicy): Promise<GroupRead | FileProblem> {
  const [first] = group.files;
  if (group.files.length === 1 && first !== undefined) return openOne(first, progressFor, readAhead);
  const traces: OpenedTrace[] = [];
  let total = 0;
  for (const path of group.files) {
    const read = await openOne(path, progressFor, readAhead);
    if ('reason' in read) return read;
    traces.push(read.trace);
    total += read.bytes;
  }
  return { trace: mergeOpenedTraces(traces), bytes: total };
}

/**
 * One file, opened to be read as the replay asks: when it is large, from
 * disk in a worker thread (or on this thread when there is no core to
 * spare and it is too large to hold), a window at a time; else read whole.
 * A file read from disk counts its progress in bytes, not frames.
 */
async function openOne(path: string, progressFor: ProgressFactory, readAhead: ReadAheadPolicy): Promise<GroupRead | FileProblem> {
  try {
    const size = (await stat(path)).size;
    const inflated = gzipInflatedSize(path, size);
    const gzipStreamMinBytes = readAhead.gzipStreamMinBytes;
    // Started at once: a caller that opens a capture before compiling the flow has the reader's start-up overlap it.
    if (wantsReadAhead(inflated ?? size, readAhead)) return fromDisk(openTraceAheadFile(path, path, { startNow: true, gzipStreamMinBytes }), progressFor);
    // A gzipped file, whatever its size: openTraceFile inflates it whole only up to what it may hold.
    if (wantsStream(size, readAhead) || inflated !== undefined) return fromDisk(openTraceFile(path, path, { gzipStreamMinBytes }), progressFor);
    const bytes = await readFile(path);
    const opened = openTrace(bytes, path);
    return { trace: withProgressLine(opened, bytes, progressFor(path, bytes.length)), bytes: bytes.length };
  } catch (error) {
    return { path, reason: describeFsError(error) };
  }
}

function fromDisk(file: StreamedTrace, progressFor: ProgressFactory): GroupRead {
  const progress = progressFor(file.trace.name, file.size);
  if (progress === NO_PROGRESS) return { trace: file.trace, bytes: file.size };
  const items = withProgress(file.trace.items, progress, () => ({ done: file.position(), total: file.size }));
  return { trace: { name: file.trace.name, format: file.trace.format, items }, bytes: file.size };
}

/** The file opened item by item; its progress line moves as the replay reads. */
function withProgressLine(opened: OpenedTrace, bytes: Buffer, progress: ProgressSink): OpenedTrace {
  if (progress === NO_PROGRESS) return opened;
  let total: number | undefined;
  const items = withProgress(opened.items, progress, (item) => ({ done: item.frame, total: (total ??= countFrames(bytes)) }));
  return { name: opened.name, format: opened.format, items };
}

/** How far reading has got when `item` is read: frames of a capture in memory, bytes of one read from disk. */
type Progress = (item: TraceItem) => { readonly done: number; readonly total: number | undefined };

function* withProgress(items: Iterable<TraceItem>, progress: ProgressSink, at: Progress): Generator<TraceItem> {
  let count = 0;
  let messages = 0;
  for (const item of items) {
    count++;
    if (item.kind === 'sip') messages++;
    if (count % PROGRESS_EVERY === 0) {
      const { done, total } = at(item);
      progress.reading(done, total, messages);
    }
    yield item;
  }
  progress.done();
}

export function wantsProgress(bytes: number, enabled: boolean): boolean {
  return enabled && bytes > PROGRESS_MIN_BYTES;
}
