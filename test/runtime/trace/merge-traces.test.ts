import { describe, expect, it } from 'vitest';
import { mergeTraces, readTrace } from '../../../runtime/trace/index.js';

describe('mergeTraces', () => {
  it('interleaves by time, keeps each trace in its own order, and breaks ties by trace order', () => {
    const sip = readTrace(
      Buffer.from(
        [
          '>> 10.0.0.1:5060 -> 10.0.0.2:5060 @ 1',
          'OPTIONS sip:b@10.0.0.2 SIP/2.0',
          'Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK-1',
          'From: <sip:a@10.0.0.1>;tag=1',
          'To: <sip:b@10.0.0.2>',
          'Call-ID: m1',
          'CSeq: 1 OPTIONS',
          '',
          '>> 10.0.0.1:5060 -> 10.0.0.2:5060 @ 3',
          'OPTIONS sip:b@10.0.0.2 SIP/2.0',
          'Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK-2',
          'From: <sip:a@10.0.0.1>;tag=1',
          'To: <sip:b@10.0.0.2>',
          'Call-ID: m1',
          'CSeq: 2 OPTIONS',
        ].join('\n'),
      ),
      'calls.txt',
    );
    const events = readTrace(Buffer.from('{"time": 0, "event": "Login"}\n{"time": 1000, "event": "Consult"}\n{"time": 2000, "event": "Transfer"}\n'), 'desk.jsonl');
    const merged = mergeTraces([sip, events]);
    expect(merged.name).toBe('calls.txt + desk.jsonl');
    expect(merged.format).toBe('merged');
    expect(merged.items.map((i) => (i.kind === 'event' ? i.event.type : i.kind === 'sip' ? `${i.trace}#${i.frame}` : i.kind === 'problem' ? i.reason : i.kind))).toEqual([
      'Login',
      'calls.txt#2',
      'Consult',
      'Transfer',
      'calls.txt#10',
    ]);
  });

  it('is the identity on one trace and empty on none', () => {
    const events = readTrace(Buffer.from('{"time": 5, "event": "A"}\n{"time": 1, "event": "B"}\n'), 'e.jsonl');
    expect(mergeTraces([events])).toEqual(events);
    expect(mergeTraces([]).items).toEqual([]);
  });
});
