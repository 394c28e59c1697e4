import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeOpenedTraces, mergeTraces, readTrace, type OpenedTrace, type TraceItem } from '../../../runtime/trace/index.js';

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

/** A trace of events at the given times, whose reading is watched: how many items were taken from it, and whether it was let go. */
function watched(name: string, times: readonly number[]): { trace: OpenedTrace; taken: () => number; closed: () => boolean } {
  let taken = 0;
  let closed = false;
  const items: TraceItem[] = times.map((time, i) => ({ kind: 'event', trace: name, frame: i + 1, line: i + 1, time, event: { type: `${name}${i}` } }) as TraceItem);
  const trace: OpenedTrace = {
    name,
    format: 'jsonl',
    items: {
      [Symbol.iterator]: () => {
        let i = 0;
        return {
          next: () => (i < items.length ? (taken++, { value: items[i++] as TraceItem, done: false }) : { value: undefined, done: true }),
          return: () => {
            closed = true;
            return { value: undefined, done: true };
          },
        };
      },
    },
  };
  return { trace, taken: () => taken, closed: () => closed };
}

describe('mergeOpenedTraces', () => {
  it('gives the order mergeTraces gives, for any times (steps back and ties included)', () => {
    const times = fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 12 });
    fc.assert(
      fc.property(fc.array(times, { maxLength: 4 }), (lists) => {
        const traces = lists.map((t, i) => watched(`t${i}`, t).trace);
        const reads = traces.map((t) => ({ name: t.name, format: t.format, items: [...t.items] }));
        const merged = mergeOpenedTraces(traces);
        expect([...merged.items]).toEqual(mergeTraces(reads).items);
        expect(merged.name).toBe(mergeTraces(reads).name);
      }),
    );
  });

  it('reads each trace only as far as the merge has got, and lets every trace go when the loop is left', () => {
    const a = watched('a', [1, 2, 3, 4, 5, 6, 7, 8]);
    const b = watched('b', [100, 200]);
    let seen = 0;
    for (const item of mergeOpenedTraces([a.trace, b.trace]).items) {
      expect(item.time).toBeLessThan(100);
      if (++seen === 3) break;
    }
    // The items given (the last of them a's head) and b's head: nothing read ahead beyond that.
    expect(a.taken()).toBe(3);
    expect(b.taken()).toBe(1);
    expect(a.closed() && b.closed()).toBe(true);
  });
});
