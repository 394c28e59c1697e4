/**
 * Wall-clock time for live runs: Date.now() epoch milliseconds (so persisted
 * due times survive a restart) and Node timers underneath.
 */
import type { ArmedTimer, Clock, TimerSink } from './clock.js';

// setTimeout clamps delays above 2^31-1 ms to 1 ms; longer timers hop.
const MAX_DELAY = 2_147_483_647;

class SystemTimer implements ArmedTimer {
  handle: ReturnType<typeof setTimeout> | undefined;
  constructor(
    readonly timer: string,
    readonly dueAt: number,
    readonly sink: TimerSink,
    readonly clock: SystemClock,
  ) {}
}

// One module-level callback with the timer as argument: no closure per timer.
function onTimeout(entry: SystemTimer): void {
  entry.handle = undefined;
  if (entry.dueAt - Date.now() > 0) entry.clock.schedule(entry);
  else entry.sink.timerDue(entry);
}

export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }

  arm(sink: TimerSink, timer: string, dueAt: number): ArmedTimer {
    const entry = new SystemTimer(timer, dueAt, sink, this);
    this.schedule(entry);
    return entry;
  }

  disarm(armed: ArmedTimer): void {
    if (!(armed instanceof SystemTimer) || armed.handle === undefined) return;
    clearTimeout(armed.handle);
    armed.handle = undefined;
  }

  /**
   * Sets the Node timer for what remains. An overdue timer still goes through
   * setTimeout: firing inside arm() would reach the sink before it holds the timer.
   */
  schedule(entry: SystemTimer): void {
    const remaining = Math.max(0, entry.dueAt - Date.now());
    entry.handle = setTimeout(onTimeout, Math.min(remaining, MAX_DELAY), entry);
  }
}
