import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTraceGroup } from '../../bin/simulate-trace-files.js';
import type { ProgressSink } from '../../bin/simulate-progress.js';
import { openTrace } from '../../runtime/trace/index.js';
import { readable } from '../runtime/trace/readable-item.js';
import { MESSAGES_PER_CALL, syntheticCallsPcap } from '../runtime/trace/synthetic-calls.js';

interface Reading {
  readonly done: number;
  readonly total: number | undefined;
  readonly messages: number;
}

function recorder(): { readonly sink: ProgressSink; readonly readings: Reading[]; ended: boolean } {
  const readings: Reading[] = [];
  const log = { readings, ended: false, sink: undefined as unknown as ProgressSink };
  log.sink = {
    reading: (done, total, messages) => void readings.push({ done, total, messages }),
    replaying: () => undefined,
    done: () => {
      log.ended = true;
    },
  };
  return log;
}

describe('readTraceGroup', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'flowc-group-')), 'calls.pcap');
  const calls = 2000;
  const bytes = syntheticCallsPcap(calls);
  writeFileSync(path, bytes);
  const expected = [...openTrace(bytes, path).items].map((i) => readable(i));

  it('reads a capture from disk as it is replayed when it is past the streaming size, its progress in bytes of the file', async () => {
    const log = recorder();
    const read = await readTraceGroup({ files: [path] }, () => log.sink, { enabled: false, minBytes: 0, streamMinBytes: 0, gzipStreamMinBytes: 0 });
    if ('reason' in read) throw new Error(read.reason);
    expect(read.bytes).toBe(bytes.length);
    expect(Array.isArray(read.trace.items)).toBe(false);
    expect([...read.trace.items].map((i) => readable(i))).toEqual(expected);
    expect(log.readings.length).toBeGreaterThan(2);
    for (const r of log.readings) expect(r.total).toBe(bytes.length);
    const done = log.readings.map((r) => r.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(done[done.length - 1]).toBeLessThanOrEqual(bytes.length);
    expect(log.readings[log.readings.length - 1]?.messages).toBeLessThanOrEqual(calls * MESSAGES_PER_CALL);
    expect(log.ended).toBe(true);
  });

  it('holds a smaller capture in memory, its progress in frames', async () => {
    const log = recorder();
    const read = await readTraceGroup({ files: [path] }, () => log.sink, { enabled: false, minBytes: 0, streamMinBytes: bytes.length + 1, gzipStreamMinBytes: 0 });
    if ('reason' in read) throw new Error(read.reason);
    expect([...read.trace.items].map((i) => readable(i))).toEqual(expected);
    const frames = calls * MESSAGES_PER_CALL;
    expect(log.readings.length).toBeGreaterThan(2);
    for (const r of log.readings) expect(r.total).toBe(frames);
  });
});
