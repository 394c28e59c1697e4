import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { detectTraceFormat, LinkType, readTrace } from '../../../runtime/trace/index.js';
import { pcapFile, pcapngFile } from './capture-writer.js';
import { ipv4, udp } from './packet-builder.js';
import { sipRequest } from './sip-text.js';
import { sipItems } from './trace-items.js';

const packet = ipv4('10.0.0.1', '10.0.0.2', 17, udp(5060, 5060, sipRequest({ method: 'INVITE', callId: 'gz' })));

describe('format detection', () => {
  it('recognises every format by its bytes, not its name', () => {
    expect(detectTraceFormat(pcapFile([], { linkType: 1, littleEndian: false, nanosecond: true }))).toBe('pcap');
    expect(detectTraceFormat(pcapngFile([{ interfaces: [], packets: [] }]))).toBe('pcapng');
    expect(detectTraceFormat(Buffer.from('\uFEFF\n  {"time": 1, "event": "X"}'))).toBe('jsonl');
    expect(detectTraceFormat(Buffer.from('notes\n\nINVITE sip:a@b SIP/2.0\r\n'))).toBe('text');
    expect(detectTraceFormat(Buffer.from('just some notes'))).toBe('unknown');
    // A JSONL log may open with comments and blank lines; a text log with comments stays a text log.
    expect(detectTraceFormat(Buffer.from('# recorded by the agent manager\n\n// v2\n{"time": 1, "event": "X"}\n'))).toBe('jsonl');
    expect(detectTraceFormat(Buffer.from('# a call\n--> 10.0.0.1:5060 -> 10.0.0.2:5060\nINVITE sip:a@b SIP/2.0\r\n'))).toBe('text');
    expect(detectTraceFormat(Buffer.from('# only a comment\n'))).toBe('unknown');
    expect(detectTraceFormat(Buffer.from([0x00, 0x01, 0x02, 0x03, 0x0a, 0x41]))).toBe('unknown');
  });

  it('reads gzipped captures and reports a corrupt gzip', () => {
    const gz = gzipSync(pcapFile([{ time: 0, data: packet }], { linkType: LinkType.RAW }));
    const r = readTrace(gz, 'calls.pcap.gz');
    expect(r.format).toBe('pcap');
    expect(sipItems(r).map((s) => s.message.callId)).toEqual(['gz']);
    const broken = readTrace(gz.subarray(0, 30), 'cut.pcap.gz');
    expect(broken.items).toEqual([expect.objectContaining({ kind: 'problem', frame: 0, reason: expect.stringMatching(/^cannot decompress gzip/) })]);
  });

  it('reports an unrecognised file as one problem', () => {
    expect(readTrace(Buffer.from('hello'), 'x').items).toEqual([
      { kind: 'problem', trace: 'x', frame: 0, time: 0, severity: 'error', reason: 'unrecognised trace format (not pcap, pcapng, a JSONL event log or a SIP text log)' },
    ]);
    expect(readTrace(new Uint8Array(0), 'empty').items).toEqual([expect.objectContaining({ reason: 'empty file' })]);
  });
});
