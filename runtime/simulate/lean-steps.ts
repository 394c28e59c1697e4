/**
 * Which steps a lean result keeps (`SimulateOptions.steps: 'lean'`): what
 * the terminal report reads of a trace, and no more. A report of a long
 * trace shows only the steps around its divergence, so a 320,000-message
 * replay need not hold 320,000 step records (most of the garbage
 * collector's work in a large replay is copying them as they survive).
 *
 * Kept, at their indices (the array is sparse, `length` the number of steps):
 * - every step of a trace of at most `LEAN_WHOLE_STEPS` steps (its whole ladder is shown);
 * - the `LEAN_BEFORE` steps before the divergence, it and the `LEAN_AFTER` after
 *   (the ladder's window; the last `LEAN_BEFORE + 1` steps for a divergence at the end);
 * - the first SIP step of each source, destination and leg (the ladder's
 *   columns and the legs named under them come out the same);
 * - the first SIP or event step with a time (the origin of the times shown);
 * - each call's last step before the window that showed a state (the
 *   window's first rows mark a state change only when there was one).
 */
import type { SimulationStep } from './simulation-result.js';

/** Longest trace (in steps) kept whole; the terminal report shows such a trace's whole ladder. */
export const LEAN_WHOLE_STEPS = 400;
/** Steps kept before and after the divergence: the terminal report's ladder window. */
export const LEAN_BEFORE = 30;
export const LEAN_AFTER = 10;

export class LeanSteps {
  /** Steps outside the window kept for good, by index. */
  readonly #kept = new Map<number, SimulationStep>();
  /** The latest steps (a ring of LEAN_BEFORE + 1), the window's start if the divergence comes next or the trace ends. */
  readonly #ring: (SimulationStep | undefined)[] = new Array<SimulationStep | undefined>(LEAN_BEFORE + 1).fill(undefined);
  /** Steps from the divergence on, up to LEAN_AFTER after it. */
  readonly #after: SimulationStep[] = [];
  /** Legs seen per source and destination (endpoint texts are interned by the recorder: no key is built per step). */
  readonly #routes = new Map<string, Map<string, Set<string | undefined>>>();
  /** Per call (by its number: calls are numbered 1, 2, ...), the last step that showed its state and has left the ring; an array, as one is set per step. */
  readonly #lastState: (SimulationStep | undefined)[] = [];
  #divergence = -1;
  #origin = false;
  #count = 0;

  get count(): number {
    return this.#count;
  }

  add(step: SimulationStep): void {
    const index = this.#count++;
    if (index < LEAN_WHOLE_STEPS) this.#kept.set(index, step);
    if (step.kind === 'sip' && this.#newRoute(step.src, step.dst, step.leg)) this.#kept.set(index, step);
    if (!this.#origin && (step.kind === 'sip' || step.kind === 'event') && Number.isFinite(step.time)) {
      this.#origin = true;
      this.#kept.set(index, step);
    }
    if (this.#divergence >= 0) {
      if (index <= this.#divergence + LEAN_AFTER) this.#after.push(step);
      return;
    }
    if (step.kind !== 'timer' && step.outcome.kind === 'divergence') {
      this.#divergence = index;
      this.#after.push(step);
      return;
    }
    const slot = index % this.#ring.length;
    const leaving = this.#ring[slot];
    if (leaving !== undefined && showsState(leaving) && leaving.call !== undefined) this.#lastState[leaving.call] = leaving;
    this.#ring[slot] = step;
  }

  /** The call was forgotten by the replay: no later step is its, so its last state is not needed for the window. */
  forget(call: number): void {
    if (call < this.#lastState.length) this.#lastState[call] = undefined;
  }

  #newRoute(src: string, dst: string, leg: string | undefined): boolean {
    let byDst = this.#routes.get(src);
    if (byDst === undefined) {
      byDst = new Map();
      this.#routes.set(src, byDst);
    }
    let legs = byDst.get(dst);
    if (legs === undefined) {
      legs = new Set();
      byDst.set(dst, legs);
    }
    if (legs.has(leg)) return false;
    legs.add(leg);
    return true;
  }

  /** The steps kept, at their indices, in a sparse array as long as the trace's steps. */
  steps(): SimulationStep[] {
    // Placed by index: a step kept for several reasons lands on the same slot, and an array reads in index order whatever the order of placing.
    const steps: SimulationStep[] = [];
    for (const step of this.#kept.values()) steps[step.index] = step;
    for (const step of this.#lastState) if (step !== undefined) steps[step.index] = step;
    for (const step of this.#ring) if (step !== undefined) steps[step.index] = step;
    for (const step of this.#after) steps[step.index] = step;
    steps.length = this.#count;
    return steps;
  }
}

/** As the ladder reads a call's state from a step (ladder-rows.ts `stateOf`). */
function showsState(step: SimulationStep): boolean {
  if (step.call === undefined || step.configuration.length === 0) return false;
  return !((step.kind === 'sip' || step.kind === 'event') && step.outcome.kind === 'notCompared');
}
