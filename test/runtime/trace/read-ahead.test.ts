import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { LinkType, openTrace, type TraceItem } from '../../../runtime/trace/index.js';
import { pcapFile } from './capture-writer.js';
import { readable } from './readable-item.js';
import { ETHERTYPE_IPV4, ethernet, ipv4, udp } from './packet-builder.js';
import { sipRequest } from './sip-text.js';
import { MESSAGES_PER_CALL, syntheticCallsPcap } from './synthetic-calls.js';

// The worker threads run JavaScript: the read-ahead is tested as built (the global setup builds dist/), its worker entries beside it.
const built = new URL('../../../dist/runtime/trace/read-ahead.js', import.meta.url).href;
const { openTraceAhead, openTraceAheadFile } = (await import(built)) as typeof import('../../../runtime/trace/read-ahead.js');

const traces = new URL('../../fixtures/traces/', import.meta.url);
const broken = new URL('../../fixtures/broken/', import.meta.url);
const filesIn = (folder: URL): [string, Buffer][] =>
  readdirSync(folder)
    .filter((f) => /\.pcap(ng)?$/.test(f))
    .map((f) => [f, readFileSync(new URL(f, folder))]);

function expectSameItems(bytes: Buffer, name: string, format = openTrace(bytes, name).format): readonly TraceItem[] {
  const expected = [...openTrace(bytes, name).items];
  const ahead = openTraceAhead(bytes, name);
  const items = [...ahead.items];
  expect(ahead.format).toBe(format);
  expect(items.map((i) => readable(i))).toEqual(expected.map((i) => readable(i)));
  return items;
}

const T0 = Date.UTC(2024, 0, 1);
const datagram = (text: string): Buffer => ethernet(ipv4('10.0.0.1', '10.0.0.2', 17, udp(5060, 5060, text)), ETHERTYPE_IPV4);

describe('openTraceAhead', () => {
  it('gives the items openTrace gives, for every capture fixture (UDP, TCP, IPv6, fragments, pcapng, link types, DTMF)', () => {
    const files = filesIn(traces);
    expect(files.length).toBeGreaterThan(40);
    let sip = 0;
    for (const [name, bytes] of files) sip += expectSameItems(bytes, name).filter((i) => i.kind === 'sip').length;
    expect(sip).toBeGreaterThan(1000);
  });

  it('gives the same problem items for broken captures', () => {
    const files = filesIn(broken);
    expect(files.length).toBeGreaterThan(4);
    for (const [name, bytes] of files) expectSameItems(bytes, name);
  });

  it('reads a gzipped capture in the worker, and a corrupt gzip as openTrace does', () => {
    const [name, bytes] = filesIn(traces).find(([f]) => f.includes('tcp')) ?? ['', Buffer.alloc(0)];
    expect(expectSameItems(gzipSync(bytes), `${name}.gz`).length).toBeGreaterThan(10);
    // Told a capture by its start, it is read ahead: the worker finds the rest corrupt, as openTrace does (which calls the format unknown).
    const corrupt = gzipSync(bytes).subarray(0, 200);
    expectSameItems(corrupt, 'corrupt.pcap.gz', 'pcap');
    expectSameItems(Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.alloc(30)]), 'bad-header.gz');
  });

  it('keeps order and values over many batches, with the worker held back', () => {
    const calls = 1500;
    // In shared memory, as flowc simulate reads a capture: the worker reads it in place.
    const capture = syntheticCallsPcap(calls);
    const shared = Buffer.from(new SharedArrayBuffer(capture.length));
    capture.copy(shared);
    const items = expectSameItems(shared, 'synthetic.pcap');
    expect(items.filter((i) => i.kind === 'sip')).toHaveLength(calls * MESSAGES_PER_CALL);
  });

  it('carries the retransmission flag', () => {
    const invite = datagram(sipRequest({ method: 'INVITE', callId: 'again' }));
    const capture = pcapFile(
      [
        { time: T0, data: invite },
        { time: T0 + 500, data: invite },
      ],
      { linkType: LinkType.ETHERNET },
    );
    const items = expectSameItems(capture, 'retransmitted.pcap');
    expect(items.map((i) => i.kind === 'sip' && i.retransmission)).toEqual([false, true]);
  });

  it('sends the values the message text does not hold as such (UTF-8 in a non-ASCII message)', () => {
    const text = sipRequest({ method: 'OPTIONS', callId: 'caf\u00e9-1' }).replace('From: <sip:alice@10.0.0.1>', 'From: "Z\u00fcrich \u00e9t\u00e9"\r\n <sip:alice@10.0.0.1>');
    const items = expectSameItems(pcapFile([{ time: T0, data: datagram(text) }], { linkType: LinkType.ETHERNET }), 'utf8.pcap');
    expect(items).toEqual([expect.objectContaining({ kind: 'sip', message: expect.objectContaining({ callId: 'caf\u00e9-1' }) })]);
    expect(items[0]?.kind === 'sip' && items[0].message.from.displayName).toBe('Z\u00fcrich \u00e9t\u00e9');
  });

  it('opens text logs on the calling thread', () => {
    const log = Buffer.from(`--> 2024-01-01T10:00:00.123Z 10.0.0.1:5060 -> 10.0.0.2:5060 UDP\n${sipRequest({ method: 'OPTIONS', callId: 'log' })}\n`);
    expect(openTraceAhead(log, 'x.log').format).toBe('text');
    expectSameItems(log, 'x.log');
  });

  it('stops the worker when the loop is left early, and each iteration reads afresh', () => {
    const bytes = syntheticCallsPcap(500);
    const opened = openTraceAhead(bytes, 'synthetic.pcap');
    let seen = 0;
    for (const item of opened.items) {
      if (item.kind === 'sip' && ++seen === 10) break;
    }
    expect([...opened.items]).toHaveLength([...openTrace(bytes, 'synthetic.pcap').items].length);
  });
});

describe('openTraceAheadFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'flowc-ahead-file-'));
  const fileOf = (name: string, bytes: Buffer): string => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  };

  it('gives the items openTrace gives, the worker reading the file from disk in windows (records cut at their ends)', () => {
    for (const [name, bytes] of [...filesIn(traces), ...filesIn(broken)]) {
      const path = fileOf(name, bytes);
      const expected = [...openTrace(bytes, name).items].map((i) => readable(i));
      for (const windowBytes of [97]) {
        const opened = openTraceAheadFile(path, name, { windowBytes });
        expect(opened.trace.format, name).toBe(openTrace(bytes, name).format);
        expect([...opened.trace.items].map((i) => readable(i)), `${name}, windows of ${windowBytes} bytes`).toEqual(expected);
      }
    }
  });

  it('keeps order and values over many windows and batches, and says how far the worker has read', () => {
    const bytes = syntheticCallsPcap(3000);
    const path = fileOf('calls.pcap', bytes);
    const opened = openTraceAheadFile(path, 'calls.pcap', { windowBytes: 64 * 1024, startNow: true });
    expect(opened.size).toBe(bytes.length);
    const positions: number[] = [];
    const items: TraceItem[] = [];
    for (const item of opened.trace.items) {
      items.push(item);
      if (items.length % 5000 === 0) positions.push(opened.position());
    }
    expect(items.map((i) => readable(i))).toEqual([...openTrace(bytes, 'calls.pcap').items].map((i) => readable(i)));
    expect(positions.length).toBeGreaterThan(2);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(positions[0]).toBeGreaterThan(0);
    expect(positions[0]).toBeLessThan(bytes.length);
    expect(opened.position()).toBe(bytes.length);
  });

  it('inflates a gzipped capture in the worker, and opens a log on the calling thread', () => {
    const pcap = syntheticCallsPcap(20);
    const gz = fileOf('calls.pcap.gz', gzipSync(pcap));
    const expected = [...openTrace(pcap, 'calls.pcap.gz').items].map((i) => readable(i));
    expect([...openTraceAheadFile(gz, 'calls.pcap.gz').trace.items].map((i) => readable(i))).toEqual(expected);
    // Inflated as it is read, in windows shared with this thread, as a large one is.
    const streamed = openTraceAheadFile(gz, 'calls.pcap.gz', { gzipStreamMinBytes: 0, windowBytes: 4096 });
    expect([...streamed.trace.items].map((i) => readable(i))).toEqual(expected);
    expect(streamed.position()).toBe(statSync(gz).size);
    const log = fileOf('call.txt', Buffer.from(`--> 2024-01-01T10:00:00.123Z 10.0.0.1:5060 -> 10.0.0.2:5060 UDP\n${sipRequest({ method: 'OPTIONS', callId: 'log' })}\n`));
    const opened = openTraceAheadFile(log, 'call.txt');
    expect(opened.trace.format).toBe('text');
    expect([...opened.trace.items].map((i) => readable(i))).toEqual([...openTrace(readFileSync(log), 'call.txt').items].map((i) => readable(i)));
  });
});

// The process's OS threads by id: threads of earlier tests may still be ending, so a test follows the ones a read starts, not a count.
const threadIds = (): Set<string> => new Set(readdirSync('/proc/self/task'));

describe('openTraceAhead with startNow', () => {
  it.runIf(process.platform === 'linux')('starts its threads when opened, and the first iteration reads from them; a second reads afresh', () => {
    const bytes = syntheticCallsPcap(300);
    const expected = [...openTrace(bytes, 'early.pcap').items].map((i) => readable(i));
    const before = threadIds();
    const opened = openTraceAhead(bytes, 'early.pcap', { startNow: true });
    // Started before anything iterates (a Worker's thread is made when it is constructed).
    expect([...threadIds()].filter((id) => !before.has(id)).length).toBeGreaterThan(0);
    expect([...opened.items].map((i) => readable(i))).toEqual(expected);
    expect([...opened.items].map((i) => readable(i))).toEqual(expected);
  });

  it('without it, starts nothing until iterated', () => {
    const before = threadIds();
    const opened = openTraceAhead(syntheticCallsPcap(10), 'lazy.pcap');
    expect([...threadIds()].filter((id) => !before.has(id))).toEqual([]);
    expect([...opened.items].length).toBe(10 * MESSAGES_PER_CALL);
  });
});

describe('openTraceAhead when its iterator is dropped without return()', () => {

  /** Collects until the threads are gone: collected, finalized, terminated, each on a later turn of the event loop (the test's timeout bounds the wait). */
  async function collectUntilStopped(started: readonly string[]): Promise<void> {
    expect(started.length).toBeGreaterThan(0);
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const running = (): string[] => started.filter((id) => threadIds().has(id));
    while (running().length > 0) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(running()).toEqual([]);
  }

  it.runIf(process.platform === 'linux')('stops its threads once the iterator is garbage', async () => {
    const before = threadIds();
    const started = (() => {
      // As a replay that throws mid-trace leaves it: one item taken, the reader a few batches ahead and waiting.
      const iterator = openTraceAhead(syntheticCallsPcap(1000), 'dropped.pcap').items[Symbol.iterator]();
      expect(iterator.next().done).toBe(false);
      return [...threadIds()].filter((id) => !before.has(id));
    })();
    await collectUntilStopped(started);
  });

  it.runIf(process.platform === 'linux')('stops the threads of a read started early and never iterated, once it is garbage', async () => {
    const before = threadIds();
    const started = (() => {
      // As flowc simulate leaves it when the flow fails to compile: the capture opened, its reader started, nothing read.
      openTraceAhead(syntheticCallsPcap(1000), 'unread.pcap', { startNow: true });
      return [...threadIds()].filter((id) => !before.has(id));
    })();
    await collectUntilStopped(started);
  });
});

describe('openTraceAhead when the worker fails', () => {
  const capture = syntheticCallsPcap(600);
  const produceBatches = new URL('../../../dist/runtime/trace/read-ahead-producer.js', import.meta.url).href;
  const reader = (code: string): URL => new URL(`data:text/javascript,${encodeURIComponent(code)}`);

  it('throws, without starting a thread, when an entry file is missing', () => {
    const opened = openTraceAhead(capture, 'c.pcap', { readerUrl: new URL('file:///nonexistent/read-ahead-worker.js') });
    expect(() => [...opened.items]).toThrow(/^reading `c\.pcap` in a worker thread: \/nonexistent\/read-ahead-worker\.js is missing \(is dist\/ built\?\)$/);
  });

  it('throws, without hanging, when the supervisor thread fails to load', () => {
    const supervisorUrl = reader('throw new Error("supervisor broke");');
    const opened = openTraceAhead(capture, 'c.pcap', { supervisorUrl, startTimeoutMs: 500 });
    expect(() => [...opened.items]).toThrow(/^reading `c\.pcap` in a worker thread failed: its supervisor thread \(data:text\/javascript,.*\) did not start within \d+ ms$/);
  });

  it('throws, without hanging, when the reader throws', () => {
    const opened = openTraceAhead(capture, 'c.pcap', { readerUrl: reader('throw new Error("reader broke");') });
    expect(() => [...opened.items]).toThrow(/^reading `c\.pcap` in a worker thread failed: reader broke$/);
  });

  it('throws after the items read before, without hanging, when the reader is killed mid-read', () => {
    // The real reader, which exits as a killed thread would right after posting its first batch.
    const killedAfterOneBatch = reader(
      [
        'import { workerData } from "node:worker_threads";',
        `import { produceBatches } from ${JSON.stringify(produceBatches)};`,
        'const port = { postMessage(message, transfer) { workerData.port.postMessage(message, transfer); process.exit(7); } };',
        'produceBatches(workerData.source, workerData.name, port, new Int32Array(workerData.control));',
      ].join('\n'),
    );
    const opened = openTraceAhead(capture, 'c.pcap', { readerUrl: killedAfterOneBatch });
    let read = 0;
    expect(() => {
      for (const item of opened.items) if (item.kind === 'sip') read++;
    }).toThrow(/^reading `c\.pcap` in a worker thread failed: the reader thread stopped \(exit code 7\) before the end of the trace$/);
    expect(read).toBeGreaterThan(0);
    expect(read).toBeLessThan(600 * MESSAGES_PER_CALL);
  });
});
