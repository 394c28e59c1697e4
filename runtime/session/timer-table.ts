/**
 * The session's armed timers, at most one per name (a state re-entered
 * re-arms its timer). Few timers are armed at once, so the table is a small
 * array in arming order, copied on change to stay exactly as long as needed.
 * Functions, not a class, so an idle session carries no wrapper object.
 */
import type { ArmedTimer, Clock, TimerSink } from '../clock/clock.js';

export interface PendingTimer {
  readonly timer: string;
  readonly dueAt: number;
}

export type TimerTable = readonly ArmedTimer[];

function indexOfTimer(table: TimerTable, timer: string): number {
  for (let i = 0; i < table.length; i++) if (table[i]?.timer === timer) return i;
  return -1;
}

function without(table: TimerTable, i: number): TimerTable | undefined {
  if (table.length === 1) return undefined;
  return [...table.slice(0, i), ...table.slice(i + 1)];
}

export function armTimer(table: TimerTable | undefined, clock: Clock, sink: TimerSink, timer: string, dueAt: number): TimerTable {
  const rest = table === undefined ? undefined : disarmTimer(table, clock, timer);
  const armed = clock.arm(sink, timer, dueAt);
  return rest === undefined ? [armed] : [...rest, armed];
}

/** The table without `timer` (disarmed on the clock if it was armed); undefined when empty. */
export function disarmTimer(table: TimerTable | undefined, clock: Clock, timer: string): TimerTable | undefined {
  if (table === undefined) return undefined;
  const i = indexOfTimer(table, timer);
  const entry = table[i];
  if (entry === undefined) return table;
  clock.disarm(entry);
  return without(table, i);
}

/** The table without a timer the clock fired, or `false` when the firing is stale (disarmed or re-armed meanwhile). */
export function takeFired(table: TimerTable | undefined, fired: ArmedTimer): TimerTable | undefined | false {
  if (table === undefined) return false;
  const i = table.indexOf(fired);
  return i < 0 ? false : without(table, i);
}

export function disarmAll(table: TimerTable | undefined, clock: Clock): void {
  if (table !== undefined) for (const entry of table) clock.disarm(entry);
}

/** In arming order, so restoring re-arms ties in the same order. */
export function pendingTimers(table: TimerTable | undefined): PendingTimer[] {
  return table === undefined ? [] : table.map((entry) => ({ timer: entry.timer, dueAt: entry.dueAt }));
}
