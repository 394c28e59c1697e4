/**
 * The trace files of `flowc simulate`: checked up front (a missing file is
 * bad usage, reported before any replay starts), read one group at a time
 * (a capture and the event logs merged into it), with a progress line for
 * large files.
 */
import { readFile, stat } from 'node:fs/promises';
import { mergeTraces, openTrace, type TraceItem, type TraceRead } from '../runtime/trace/index.js';
import { countFrames } from './simulate-frame-count.js';
import type { TraceGroup } from './simulate-pairing.js';
import { NO_PROGRESS, PROGRESS_MIN_BYTES, type ProgressSink } from './simulate-progress.js';
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
  readonly trace: TraceRead;
  /** Size of the group's files together. */
  readonly bytes: number;
}

/** The group's files read and merged by time; a file that fails to read now (removed since the check) is a FileProblem. */
export async function readTraceGroup(group: TraceGroup, progressFor: ProgressFactory): Promise<GroupRead | FileProblem> {
  const reads: TraceRead[] = [];
  let total = 0;
  for (const path of group.files) {
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (error) {
      return { path, reason: describeFsError(error) };
    }
    total += bytes.length;
    reads.push(readWithProgress(bytes, path, progressFor(path, bytes.length)));
  }
  return { trace: reads.length === 1 && reads[0] !== undefined ? reads[0] : mergeTraces(reads), bytes: total };
}

function readWithProgress(bytes: Buffer, name: string, progress: ProgressSink): TraceRead {
  const opened = openTrace(bytes, name);
  if (progress === NO_PROGRESS) return { name, format: opened.format, items: [...opened.items] };
  const total = countFrames(bytes);
  const items: TraceItem[] = [];
  let messages = 0;
  for (const item of opened.items) {
    items.push(item);
    if (item.kind === 'sip') messages++;
    if (items.length % PROGRESS_EVERY === 0) progress.reading(item.frame, total, messages);
  }
  progress.done();
  return { name, format: opened.format, items };
}

export function wantsProgress(bytes: number, enabled: boolean): boolean {
  return enabled && bytes > PROGRESS_MIN_BYTES;
}
