import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countFrames } from '../../bin/simulate-frame-count.js';
import type { CaptureRecord } from '../../runtime/trace/capture-record.js';
import { pcapPackets } from '../../runtime/trace/pcap-file.js';
import { pcapngPackets } from '../../runtime/trace/pcapng-file.js';
import { repoRoot } from './run-flowc.js';

const fixture = (path: string): Buffer => readFileSync(join(repoRoot, 'test', 'fixtures', path));

/** The last frame number the capture readers give (SIP or not): what the count must match for the percentage to reach 100. */
function lastFrame(records: Iterable<CaptureRecord>): number {
  let last = 0;
  for (const r of records) if (r.kind === 'packet') last = r.frame;
  return last;
}

describe('countFrames', () => {
  it('counts pcap records and pcapng packet blocks as the readers number frames', () => {
    for (const file of ['traces/external-transfer-happy.pcap', 'traces/external-transfer-tcp.pcap', 'traces/external-transfer-fragmented.pcap']) {
      const bytes = fixture(file);
      expect(countFrames(bytes), file).toBe(lastFrame(pcapPackets(bytes)));
    }
    const ng = fixture('traces/external-transfer-pcapng.pcapng');
    expect(countFrames(ng)).toBe(lastFrame(pcapngPackets(ng)));
    expect(countFrames(ng)).toBeGreaterThan(30);
  });

  it('counts lines of text and event logs', () => {
    expect(countFrames(Buffer.from('{"event":"A","time":1}\n{"event":"B","time":2}\n'))).toBe(3);
  });

  it('stops at a truncation, and knows nothing of gzip or unknown files', () => {
    expect(countFrames(fixture('broken/truncated-packet.pcap'))).toBeLessThanOrEqual(2);
    expect(countFrames(Buffer.from([0x1f, 0x8b, 8, 0]))).toBeUndefined();
    expect(countFrames(Buffer.alloc(0))).toBeUndefined();
  });
});
