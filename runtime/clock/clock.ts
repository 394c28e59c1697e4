/**
 * Time as the session sees it. A session arms a timer at an absolute due time
 * (epoch milliseconds, so a persisted due time means the same after a restart)
 * and the clock calls the sink back when it is due. The sink is an object, not
 * a callback, so arming a timer allocates no closure.
 */
export interface ArmedTimer {
  /** The machine's timer name (`Outreach#0`). */
  readonly timer: string;
  readonly dueAt: number;
}

export interface TimerSink {
  timerDue(armed: ArmedTimer): void;
}

export interface Clock {
  now(): number;
  /** A due time in the past fires as soon as the clock next runs timers. */
  arm(sink: TimerSink, timer: string, dueAt: number): ArmedTimer;
  /** Disarming a timer that fired or was disarmed already does nothing. */
  disarm(armed: ArmedTimer): void;
}
