import { describe, expect, it } from 'vitest';
import { secondsSince, traceOrigin, wallClock } from '../../../runtime/report/trace-time.js';
import { passingResult, T0 } from './hand-built-result.js';

describe('trace times', () => {
  it('prints seconds since the trace started, to the millisecond', () => {
    expect(secondsSince(T0 + 7012.4, T0)).toBe('7.012');
  });

  it('prints a wall clock only for times that can be one', () => {
    expect(wallClock(T0 + 364)).toBe('2024-01-01 10:00:00.364 UTC');
    expect(wallClock(7012)).toBeUndefined();
  });

  it('takes the first message as the origin, not a file-level problem at time 0', () => {
    const steps = passingResult().steps;
    const problem = steps.find((s) => s.kind === 'problem');
    if (problem === undefined) throw new Error('no problem step');
    expect(traceOrigin([{ ...problem, time: 0 }, ...steps])).toBe(T0 + 1000);
    expect(traceOrigin([])).toBe(0);
  });
});
