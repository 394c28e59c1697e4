/**
 * Which steps a ladder shows. A ladder of a few hundred messages reads well;
 * one of a 10,000-call capture does not, so by default a long trace shows
 * only the steps around its divergence (or nothing when it passes).
 */
import { LEAN_AFTER, LEAN_BEFORE, LEAN_WHOLE_STEPS, type SimulationResult } from '../simulate/index.js';

export type LadderMode = 'auto' | 'all' | 'none';

/** Steps shown, `from` inclusive, `to` exclusive. */
export interface StepRange {
  readonly from: number;
  readonly to: number;
}

/** Longest trace (in steps) whose whole ladder `auto` shows. A lean result (`steps: 'lean'`) keeps what these numbers show. */
export const FULL_LADDER_STEPS = LEAN_WHOLE_STEPS;
/** Steps `auto` shows before and after the divergence of a longer trace. */
export const STEPS_BEFORE_DIVERGENCE = LEAN_BEFORE;
export const STEPS_AFTER_DIVERGENCE = LEAN_AFTER;

/** `fullUpTo`: the longest trace `auto` shows whole (a browser bears more rows than a terminal). */
export function ladderWindow(result: SimulationResult, mode: LadderMode, fullUpTo: number = FULL_LADDER_STEPS): StepRange | undefined {
  const total = result.steps.length;
  if (mode === 'none' || total === 0) return undefined;
  if (mode === 'all' || total <= fullUpTo) return { from: 0, to: total };
  const at = result.divergence?.step;
  if (at === undefined) return undefined;
  return { from: Math.max(0, at - STEPS_BEFORE_DIVERGENCE), to: Math.min(total, at + STEPS_AFTER_DIVERGENCE + 1) };
}
