import { describe, expect, it } from 'vitest';
import { TraceWindow } from '../../../runtime/simulate/trace-window.js';
import type { TraceItem } from '../../../runtime/trace/index.js';

function problem(frame: number): TraceItem {
  return { kind: 'problem', trace: 't', frame, time: frame, severity: 'warning', reason: `item ${frame}` };
}

function event(frame: number): TraceItem {
  return { kind: 'event', trace: 't', frame, time: frame, event: { type: 'Consult' } };
}

/** Items 0..count-1 (events where `isEvent` says), counting how many were read. */
function source(count: number, isEvent: (i: number) => boolean = () => false): { items: Iterable<TraceItem>; read: () => number } {
  let read = 0;
  return {
    items: {
      *[Symbol.iterator](): Generator<TraceItem> {
        for (let i = 0; i < count; i++) {
          read++;
          yield isEvent(i) ? event(i) : problem(i);
        }
      },
    },
    read: () => read,
  };
}

describe('TraceWindow', () => {
  it('reads a streamed trace only as far as asked', () => {
    const s = source(100);
    const window = new TraceWindow(s.items, 'pcap');
    expect(window.at(4)?.frame).toBe(4);
    expect(s.read()).toBe(5);
    expect(window.at(2)?.frame).toBe(2);
    expect(s.read()).toBe(5);
    expect(window.at(100)).toBeUndefined();
    expect(s.read()).toBe(100);
  });

  it('lets go of what the replay has passed, in a stream but not in an array', () => {
    const s = source(5000);
    const window = new TraceWindow(s.items, 'pcap');
    for (let i = 0; i < 3000; i++) {
      expect(window.at(i)?.frame).toBe(i);
      window.release(i);
    }
    expect(window.at(10)).toBeUndefined();
    expect(window.at(2999)?.frame).toBe(2999);
    expect(window.at(4999)?.frame).toBe(4999);

    const array = Array.from({ length: 10 }, (_, i) => problem(i));
    const held = new TraceWindow(array, 'merged');
    held.release(8);
    expect(held.at(3)).toBe(array[3]);
  });

  it('looks ahead for events only as far as the caller iterates, and not at all in a capture', () => {
    const s = source(1000, (i) => i % 100 === 50);
    const window = new TraceWindow(s.items, 'merged');
    window.at(0);
    const seen: number[] = [];
    for (const at of window.eventsAfter(0)) {
      seen.push(at);
      if (seen.length === 2) break;
    }
    expect(seen).toEqual([50, 150]);
    expect(s.read()).toBe(151);
    expect(window.at(150)?.kind).toBe('event');
    window.release(100);
    expect([...window.eventsAfter(100)].slice(0, 2)).toEqual([150, 250]);

    const capture = source(1000, () => true);
    const none = new TraceWindow(capture.items, 'pcap');
    expect([...none.eventsAfter(0)]).toEqual([]);
    expect(capture.read()).toBe(0);
  });

  it('finds the events of an array after the replay position', () => {
    const array = Array.from({ length: 20 }, (_, i) => (i % 5 === 0 ? event(i) : problem(i)));
    const window = new TraceWindow(array, 'merged');
    expect([...window.eventsAfter(7)]).toEqual([10, 15]);
    window.release(12);
    expect([...window.eventsAfter(12)]).toEqual([15]);
  });
});
