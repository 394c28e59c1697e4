import { describe, expect, it } from 'vitest';
import { FULL_LADDER_STEPS, ladderWindow, STEPS_AFTER_DIVERGENCE, STEPS_BEFORE_DIVERGENCE } from '../../../runtime/report/ladder-window.js';
import type { SimulationResult } from '../../../runtime/simulate/index.js';
import { DIVERGENCE, failingResult, passingResult } from './hand-built-result.js';

function long(result: SimulationResult, steps: number): SimulationResult {
  const step = result.steps[0];
  if (step === undefined) throw new Error('no step');
  return { ...result, steps: Array.from({ length: steps }, (_, index) => ({ ...step, index })) };
}

describe('ladderWindow', () => {
  it('shows a short trace whole, and nothing with `none`', () => {
    expect(ladderWindow(passingResult(), 'auto')).toEqual({ from: 0, to: 7 });
    expect(ladderWindow(passingResult(), 'none')).toBeUndefined();
  });

  it('shows a long passing trace only when asked for all', () => {
    const result = long(passingResult(), FULL_LADDER_STEPS + 1);
    expect(ladderWindow(result, 'auto')).toBeUndefined();
    expect(ladderWindow(result, 'all')).toEqual({ from: 0, to: FULL_LADDER_STEPS + 1 });
    expect(ladderWindow(result, 'auto', FULL_LADDER_STEPS + 1)).toEqual({ from: 0, to: FULL_LADDER_STEPS + 1 });
  });

  it('shows the steps around the divergence of a long failing trace', () => {
    const result = { ...long(failingResult(), 1000), divergence: { ...DIVERGENCE, step: 500 } };
    expect(ladderWindow(result, 'auto')).toEqual({ from: 500 - STEPS_BEFORE_DIVERGENCE, to: 501 + STEPS_AFTER_DIVERGENCE });
    const early = { ...result, divergence: { ...DIVERGENCE, step: 3 } };
    expect(ladderWindow(early, 'auto')).toEqual({ from: 0, to: 4 + STEPS_AFTER_DIVERGENCE });
  });
});
