/**
 * Trace times for people. Item times are milliseconds, since the Unix
 * epoch when the trace says when (captures, dated logs), else relative to
 * the trace's own start (docs/trace-formats.md, "Times").
 */
import type { SimulationStep } from '../simulate/simulation-result.js';

/** Times below this (1973-03-03) cannot be a capture's wall clock: they are relative. */
const EPOCH_THRESHOLD_MS = 1e11;

/** Seconds since `origin` with millisecond precision: `7.012`. */
export function secondsSince(time: number, origin: number): string {
  return ((time - origin) / 1000).toFixed(3);
}

/** `2026-11-21 03:06:13.364 UTC` for a wall-clock time; undefined for a relative one. */
export function wallClock(time: number): string | undefined {
  if (!Number.isFinite(time) || time < EPOCH_THRESHOLD_MS) return undefined;
  const iso = new Date(time).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)} UTC`;
}

/**
 * The origin of the relative times a report prints: the first message or
 * event (a file-level problem at time 0 must not become the origin).
 */
export function traceOrigin(steps: readonly SimulationStep[]): number {
  // By index: a lean result's steps have holes (lean-steps.ts keeps this step).
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    if (step !== undefined && (step.kind === 'sip' || step.kind === 'event') && Number.isFinite(step.time)) return step.time;
  }
  return steps[0]?.time ?? 0;
}
