import { describe, expect, it } from 'vitest';
import { isEventLog, pairTraces } from '../../bin/simulate-pairing.js';

const files = (paths: string[]): string[][] => pairTraces(paths).map((g) => [...g.files]);

describe('pairTraces', () => {
  it('replays each capture on its own', () => {
    expect(files(['a.pcap', 'b.pcapng', 'c.txt'])).toEqual([['a.pcap'], ['b.pcapng'], ['c.txt']]);
  });

  it('merges an event log into the capture whose name it shares', () => {
    expect(files(['logs/call-1.pcap', 'logs/call-2.pcap', 'events/call-2.jsonl', 'events/call-1.desktop.jsonl'])).toEqual([
      ['logs/call-1.pcap', 'events/call-1.desktop.jsonl'],
      ['logs/call-2.pcap', 'events/call-2.jsonl'],
    ]);
  });

  it('merges an event log that shares no capture name into every capture', () => {
    expect(files(['a.pcap', 'desktop.jsonl', 'b.pcap'])).toEqual([
      ['a.pcap', 'desktop.jsonl'],
      ['b.pcap', 'desktop.jsonl'],
    ]);
  });

  it('replays event logs alone when no capture is given', () => {
    expect(files(['x.jsonl', 'y.ndjson.gz'])).toEqual([['x.jsonl'], ['y.ndjson.gz']]);
  });

  it('knows event logs by their extension, gzipped or not', () => {
    expect(['a.jsonl', 'a.JSONL', 'a.ndjson', 'a.jsonl.gz'].map(isEventLog)).toEqual([true, true, true, true]);
    expect(['a.pcap', 'a.json', 'a.pcap.gz', 'jsonl.pcap'].map(isEventLog)).toEqual([false, false, false, false]);
  });
});
