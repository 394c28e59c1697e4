import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MESSAGES_PER_CALL, syntheticCallsPcap } from './synthetic-calls.js';

// The worker threads run JavaScript: the read-ahead is tested as built (the global setup builds dist/).
const built = new URL('../../../dist/runtime/trace/read-ahead.js', import.meta.url).href;
const { openTraceAheadFile } = (await import(built)) as typeof import('../../../runtime/trace/read-ahead.js');

const MiB = 1024 * 1024;
const FILLERS = 16;
const FILLER_BYTES = 64 * MiB;

/** The process's peak resident memory (Linux: VmHWM), in bytes. */
function peakResident(): number {
  const line = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
  return Number(line?.[1] ?? 0) * 1024;
}

/**
 * A sparse pcap of 1 GiB: records of 64 MiB that are no IP (holes, read
 * as zeros, taking no disk), then a few calls. Each filler makes a window of
 * its own in shared memory.
 */
function sparseCapture(dir: string): string {
  const calls = syntheticCallsPcap(5);
  const path = join(dir, 'sparse.pcap');
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, calls, 0, 24, 0);
    let at = 24;
    const seconds = calls.readUInt32LE(24);
    for (let i = 0; i < FILLERS; i++) {
      const header = Buffer.alloc(16);
      header.writeUInt32LE(seconds - 100 + i, 0);
      header.writeUInt32LE(FILLER_BYTES, 8);
      header.writeUInt32LE(FILLER_BYTES, 12);
      writeSync(fd, header, 0, 16, at);
      at += 16 + FILLER_BYTES;
    }
    writeSync(fd, calls, 24, calls.length - 24, at);
  } finally {
    closeSync(fd);
  }
  return path;
}

describe('openTraceAheadFile memory', () => {
  it.runIf(process.platform === 'linux')('lets go of the windows it has read: a 1 GiB capture read ahead from disk keeps a few of them, not all', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowc-ahead-memory-'));
    try {
      const path = sparseCapture(dir);
      const before = peakResident();
      let messages = 0;
      for (const item of openTraceAheadFile(path, 'sparse.pcap').trace.items) if (item.kind === 'sip') messages++;
      const grown = peakResident() - before;
      expect(messages).toBe(5 * MESSAGES_PER_CALL);
      // Every window kept would be 1 GiB; the reader collects every 128 MiB read, so two or three are alive at once.
      expect(grown).toBeLessThan(FILLERS * FILLER_BYTES * 0.5);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
