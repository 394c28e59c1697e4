import { mkdtempSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { openTrace, openTraceFile } from '../../../runtime/trace/index.js';
import { readable } from './readable-item.js';
import { MESSAGES_PER_CALL, syntheticCallsPcap } from './synthetic-calls.js';

const folder = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));
const capturesIn = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => /\.pcap(ng)?$/.test(f))
    .map((f) => join(dir, f));
const fixtures = [...capturesIn(folder('../../fixtures/traces/')), ...capturesIn(folder('../../fixtures/broken/'))];

const scratch = (): string => mkdtempSync(join(tmpdir(), 'flowc-trace-file-'));
const itemsOfBytes = (path: string): unknown[] => [...openTrace(readFileSync(path), path).items].map((i) => readable(i));
const openFiles = (): number => readdirSync('/proc/self/fd').length;

describe('openTraceFile', () => {
  it('gives the items openTrace gives of the whole file, whatever the window (records cut at every boundary)', () => {
    expect(fixtures.length).toBeGreaterThan(10);
    for (const path of fixtures) {
      const expected = itemsOfBytes(path);
      for (const windowBytes of [1, 97, 4096, undefined]) {
        const opened = openTraceFile(path, path, windowBytes === undefined ? {} : { windowBytes });
        expect(opened.trace.format, path).toBe(openTrace(readFileSync(path), path).format);
        expect([...opened.trace.items].map((i) => readable(i)), `${path}, windows of ${windowBytes ?? 'default'} bytes`).toEqual(expected);
      }
    }
  });

  it('reads each iteration afresh, says how far it has read, and closes the file when done or left early', () => {
    const path = join(scratch(), 'calls.pcap');
    const bytes = syntheticCallsPcap(50);
    writeFileSync(path, bytes);
    const before = process.platform === 'linux' ? openFiles() : 0;
    const opened = openTraceFile(path, 'calls.pcap', { windowBytes: 4096 });
    expect(opened.size).toBe(bytes.length);
    expect(opened.position()).toBe(0);
    let seen = 0;
    const positions: number[] = [];
    for (const item of opened.trace.items) {
      if (item.kind !== 'sip') continue;
      positions.push(opened.position());
      if (++seen === 100) break;
    }
    expect(positions[0]).toBeGreaterThan(0);
    expect(positions[99]).toBeGreaterThan(positions[0] ?? 0);
    expect(positions[99]).toBeLessThan(bytes.length);
    expect([...opened.trace.items].filter((i) => i.kind === 'sip')).toHaveLength(50 * MESSAGES_PER_CALL);
    expect(opened.position()).toBe(bytes.length);
    // How far the reader has got, not how much is in memory: one window holds this whole file.
    const whole = openTraceFile(path, 'calls.pcap');
    const [first] = whole.trace.items;
    expect(first?.kind).toBe('sip');
    expect(whole.position()).toBeGreaterThan(0);
    expect(whole.position()).toBeLessThan(bytes.length / 50);
    if (process.platform === 'linux') expect(openFiles()).toBe(before);
  });

  it('reports a file cut short after it was opened where it ends, as a truncated capture', () => {
    const path = join(scratch(), 'shrinking.pcap');
    const bytes = syntheticCallsPcap(20);
    writeFileSync(path, bytes);
    const opened = openTraceFile(path, 'shrinking.pcap', { windowBytes: 1024 });
    // Cut inside a record after its size was taken, as a capture rotated away under the reader would be.
    truncateSync(path, Math.floor(bytes.length / 2));
    const items = [...opened.trace.items];
    const expected = [...openTrace(bytes.subarray(0, Math.floor(bytes.length / 2)), 'shrinking.pcap').items];
    expect(items.map((i) => readable(i))).toEqual(expected.map((i) => readable(i)));
    expect(items[items.length - 1]).toMatchObject({ kind: 'problem', reason: expect.stringMatching(/^file truncated: frame \d+ has \d+ of its \d+ bytes$/) as unknown });
  });

  it('reads gzipped captures and logs whole, as openTrace does', () => {
    const dir = scratch();
    const gz = join(dir, 'calls.pcap.gz');
    const pcap = syntheticCallsPcap(3);
    writeFileSync(gz, gzipSync(pcap));
    expect([...openTraceFile(gz, 'calls.pcap.gz').trace.items].map((i) => readable(i))).toEqual(
      [...openTrace(pcap, 'calls.pcap.gz').items].map((i) => readable(i)),
    );
    const log = join(dir, 'desktop.jsonl');
    writeFileSync(log, '{"time": "2024-01-01T00:00:00Z", "type": "Transfer"}\n');
    const opened = openTraceFile(log, 'desktop.jsonl');
    expect(opened.trace.format).toBe('jsonl');
    expect([...opened.trace.items]).toEqual([...openTrace(readFileSync(log), 'desktop.jsonl').items]);
  });

  it('inflates a large gzipped capture as it reads it, giving the items of the whole file, whatever the window', () => {
    const dir = scratch();
    for (const path of fixtures) {
      const gz = join(dir, 'fixture.gz');
      writeFileSync(gz, gzipSync(readFileSync(path)));
      const expected = itemsOfBytes(gz);
      for (const windowBytes of [1, 97, 4096, undefined]) {
        const opened = openTraceFile(gz, gz, { gzipStreamMinBytes: 0, ...(windowBytes === undefined ? {} : { windowBytes }) });
        expect(opened.trace.format, path).toBe(openTrace(readFileSync(gz), gz).format);
        expect([...opened.trace.items].map((i) => readable(i)), `${path} gzipped, windows of ${windowBytes ?? 'default'} bytes`).toEqual(expected);
      }
    }
  });

  it('reads a gzipped capture of several gzip members, and says how far into the compressed file it has read', () => {
    const path = join(scratch(), 'members.pcap.gz');
    // Large enough that its compressed bytes take several reads.
    const pcap = syntheticCallsPcap(1500);
    const half = Math.floor(pcap.length / 2);
    // As `cat a.gz b.gz` or a rotating capture appending members makes them.
    const gz = Buffer.concat([gzipSync(pcap.subarray(0, half)), gzipSync(pcap.subarray(half))]);
    writeFileSync(path, gz);
    const opened = openTraceFile(path, 'members.pcap.gz', { gzipStreamMinBytes: 0, windowBytes: 4096 });
    const positions: number[] = [];
    const items = [];
    for (const item of opened.trace.items) {
      items.push(readable(item));
      positions.push(opened.position());
    }
    expect(items).toEqual([...openTrace(pcap, 'members.pcap.gz').items].map((i) => readable(i)));
    expect(positions[0]).toBeGreaterThan(0);
    expect(positions[0]).toBeLessThan(gz.length);
    expect(opened.position()).toBe(gz.length);
  });

  it('inflates a gzipped capture whole only while it stays small, whatever its trailer says', () => {
    const path = join(scratch(), 'rotated.pcap.gz');
    const pcap = syntheticCallsPcap(1500);
    // The trailer gives the last member's size (and wraps at 4 GiB): here 100 bytes, of a capture of megabytes.
    const gz = Buffer.concat([gzipSync(pcap.subarray(0, pcap.length - 100)), gzipSync(pcap.subarray(pcap.length - 100))]);
    writeFileSync(path, gz);
    expect(gz.readUInt32LE(gz.length - 4)).toBe(100);
    const min = Math.floor(pcap.length / 2);
    expect(gz.length).toBeLessThan(min / 8);
    const expected = [...openTrace(pcap, 'rotated.pcap.gz').items].map((i) => readable(i));
    // Too large once inflated: read as a stream after all (how far it has read starts at 0, not at the whole file).
    const streamed = openTraceFile(path, 'rotated.pcap.gz', { gzipStreamMinBytes: min });
    expect(streamed.position()).toBe(0);
    expect([...streamed.trace.items].map((i) => readable(i))).toEqual(expected);
    // Small enough: inflated whole.
    const whole = openTraceFile(path, 'rotated.pcap.gz', { gzipStreamMinBytes: pcap.length + 1 });
    expect(whole.position()).toBe(gz.length);
    expect([...whole.trace.items].map((i) => readable(i))).toEqual(expected);
    // For the read-ahead worker, inflated into shared memory, which the main thread reads messages from where they are.
    const shared = [...openTraceFile(path, 'rotated.pcap.gz', { gzipStreamMinBytes: pcap.length + 1, shared: true }).trace.items];
    expect(shared.map((i) => readable(i))).toEqual(expected);
    expect(shared.every((i) => i.kind !== 'sip' || i.message.bytes.buffer instanceof SharedArrayBuffer)).toBe(true);
  });

  it('reports a gzipped capture cut short, or corrupt, after the items it could inflate', () => {
    const dir = scratch();
    // Its damage past the first 64 KiB, which tell the format.
    const pcap = syntheticCallsPcap(1500);
    const whole = [...openTrace(pcap, 'calls.pcap.gz').items].map((i) => readable(i));
    const gz = gzipSync(pcap);
    expect(gz.length).toBeGreaterThan(128 * 1024);
    const corrupt = Buffer.from(gz);
    corrupt.fill(0xff, Math.floor(gz.length / 2), Math.floor(gz.length / 2) + 64);
    for (const [name, bytes, reason] of [
      ['cut.pcap.gz', gz.subarray(0, Math.floor(gz.length / 2)), /^cannot read the file past byte \d+: gzip: unexpected EOF \(the file is cut short\)$/],
      // Deflate finds some damage only at the stream's checksum: what it inflated meanwhile may read as a corrupt record first.
      ['corrupt.pcap.gz', corrupt, /^(cannot read the file past byte \d+: gzip: |corrupt record: frame \d+ claims)/],
    ] as const) {
      const path = join(dir, name);
      writeFileSync(path, bytes);
      const items = [...openTraceFile(path, 'calls.pcap.gz', { gzipStreamMinBytes: 0 }).trace.items].map((i) => readable(i));
      const last = items[items.length - 1];
      expect(last, name).toMatchObject({ kind: 'problem', reason: expect.stringMatching(reason) as unknown });
      // Every item before the problems is the capture's own, in order.
      const read = items.filter((i) => (i as { kind?: string }).kind !== 'problem');
      expect(read.length, name).toBeGreaterThan(whole.length / 4);
      expect(read, name).toEqual(whole.slice(0, read.length));
    }
  });

  it('throws what the file system says for a file it cannot open', () => {
    expect(() => openTraceFile(join(scratch(), 'missing.pcap'), 'missing.pcap')).toThrow(/ENOENT/);
  });
});
