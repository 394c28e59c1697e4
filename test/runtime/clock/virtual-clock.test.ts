import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ArmedTimer, TimerSink } from '../../../runtime/clock/clock.js';
import { VirtualClock } from '../../../runtime/clock/virtual-clock.js';

class Recorder implements TimerSink {
  readonly fired: { timer: string; now: number }[] = [];
  constructor(private readonly clock: VirtualClock) {}
  timerDue(armed: ArmedTimer): void {
    this.fired.push({ timer: armed.timer, now: this.clock.now() });
  }
}

describe('VirtualClock', () => {
  it('fires due timers in due-time order and reads each due time while it fires', () => {
    const clock = new VirtualClock(1000);
    const sink = new Recorder(clock);
    clock.arm(sink, 'c', 1300);
    clock.arm(sink, 'a', 1100);
    clock.arm(sink, 'b', 1200);
    expect(clock.advanceTo(1250)).toBe(2);
    expect(sink.fired).toEqual([
      { timer: 'a', now: 1100 },
      { timer: 'b', now: 1200 },
    ]);
    expect(clock.now()).toBe(1250);
    expect(clock.nextDueAt()).toBe(1300);
  });

  it('breaks ties by arming order', () => {
    const clock = new VirtualClock();
    const sink = new Recorder(clock);
    for (const name of ['x', 'y', 'z', 'w']) clock.arm(sink, name, 50);
    clock.advanceBy(50);
    expect(sink.fired.map((f) => f.timer)).toEqual(['x', 'y', 'z', 'w']);
  });

  it('does not fire a disarmed timer, and disarming twice or after firing does nothing', () => {
    const clock = new VirtualClock();
    const sink = new Recorder(clock);
    const a = clock.arm(sink, 'a', 10);
    const b = clock.arm(sink, 'b', 20);
    clock.disarm(a);
    clock.disarm(a);
    expect(clock.pending).toBe(1);
    clock.advanceTo(100);
    clock.disarm(b);
    expect(sink.fired.map((f) => f.timer)).toEqual(['b']);
    expect(clock.pending).toBe(0);
  });

  it('fires, in the same advance, timers armed by a firing that are due by then', () => {
    const clock = new VirtualClock();
    const fired: string[] = [];
    const sink: TimerSink = {
      timerDue(armed) {
        fired.push(`${armed.timer}@${clock.now()}`);
        if (armed.timer === 'first') clock.arm(sink, 'second', clock.now() + 5);
      },
    };
    clock.arm(sink, 'first', 10);
    clock.arm(sink, 'late', 100);
    clock.advanceTo(20);
    expect(fired).toEqual(['first@10', 'second@15']);
    expect(clock.nextDueAt()).toBe(100);
  });

  it('never goes back in time but still fires overdue timers', () => {
    const clock = new VirtualClock(500);
    const sink = new Recorder(clock);
    clock.arm(sink, 'overdue', 100);
    expect(clock.advanceTo(400)).toBe(1);
    expect(clock.now()).toBe(500);
    expect(sink.fired).toEqual([{ timer: 'overdue', now: 500 }]);
  });

  it('advanceToNext fires the earliest timer and reports when none is left', () => {
    const clock = new VirtualClock();
    const sink = new Recorder(clock);
    clock.arm(sink, 'a', 30);
    clock.arm(sink, 'b', 30);
    clock.arm(sink, 'c', 70);
    expect(clock.advanceToNext()).toBe(true);
    expect(sink.fired.map((f) => f.timer)).toEqual(['a', 'b']);
    expect(clock.advanceToNext()).toBe(true);
    expect(clock.advanceToNext()).toBe(false);
    expect(clock.now()).toBe(70);
  });

  it('fires any mix of arms and disarms in (due time, arming order)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ due: fc.integer({ min: 0, max: 50 }), disarm: fc.boolean() }), { maxLength: 60 }),
        (specs) => {
          const clock = new VirtualClock();
          const sink = new Recorder(clock);
          const armed = specs.map((spec, i) => clock.arm(sink, String(i), spec.due));
          specs.forEach((spec, i) => {
            const entry = armed[i];
            if (spec.disarm && entry !== undefined) clock.disarm(entry);
          });
          clock.advanceTo(100);
          const expected = specs
            .map((spec, i) => ({ ...spec, i }))
            .filter((spec) => !spec.disarm)
            .sort((a, b) => a.due - b.due || a.i - b.i)
            .map((spec) => String(spec.i));
          expect(sink.fired.map((f) => f.timer)).toEqual(expected);
          expect(clock.pending).toBe(0);
        },
      ),
    );
  });
});
