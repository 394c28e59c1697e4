import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ArmedTimer, TimerSink } from '../../../runtime/clock/clock.js';
import { SystemClock } from '../../../runtime/clock/system-clock.js';

class Recorder implements TimerSink {
  readonly fired: string[] = [];
  timerDue(armed: ArmedTimer): void {
    this.fired.push(armed.timer);
  }
}

describe('SystemClock', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(1_700_000_000_000);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reads wall-clock epoch time', () => {
    expect(new SystemClock().now()).toBe(1_700_000_000_000);
  });

  it('fires a timer at its due time and not before', () => {
    const clock = new SystemClock();
    const sink = new Recorder();
    clock.arm(sink, 't', clock.now() + 1000);
    vi.advanceTimersByTime(999);
    expect(sink.fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sink.fired).toEqual(['t']);
  });

  it('does not fire a disarmed timer', () => {
    const clock = new SystemClock();
    const sink = new Recorder();
    const armed = clock.arm(sink, 't', clock.now() + 1000);
    clock.disarm(armed);
    vi.advanceTimersByTime(5000);
    expect(sink.fired).toEqual([]);
  });

  it('fires an overdue timer later, never inside arm()', () => {
    const clock = new SystemClock();
    const sink = new Recorder();
    clock.arm(sink, 'overdue', clock.now() - 5000);
    expect(sink.fired).toEqual([]);
    vi.advanceTimersByTime(0);
    expect(sink.fired).toEqual(['overdue']);
  });

  it('holds a timer longer than setTimeout allows until its due time', () => {
    const clock = new SystemClock();
    const sink = new Recorder();
    const thirtyDays = 30 * 24 * 3600 * 1000;
    clock.arm(sink, 'long', clock.now() + thirtyDays);
    vi.advanceTimersByTime(2 ** 31);
    expect(sink.fired).toEqual([]);
    vi.advanceTimersByTime(thirtyDays - 2 ** 31);
    expect(sink.fired).toEqual(['long']);
  });
});
