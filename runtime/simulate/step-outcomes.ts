/**
 * Step outcomes that carry no per-message data, shared by every step that
 * has them: a 320,000-message replay allocates a handful, not one each.
 */
import type { StepOutcome } from './simulation-result.js';

export const RETRANSMISSION: StepOutcome = { kind: 'retransmission' };
export const NOT_COMPARED: StepOutcome = { kind: 'notCompared' };
export const DIVERGENCE: StepOutcome = { kind: 'divergence' };

/** Notes of the SIP stack's messages (and of unrelated ones) are a few constant texts: one outcome object each. */
const stackOutcomes = new Map<string, StepOutcome>();
const unrelatedOutcomes = new Map<string, StepOutcome>();

export function stackOutcome(note: string): StepOutcome {
  let outcome = stackOutcomes.get(note);
  if (outcome === undefined) {
    outcome = { kind: 'stack', note };
    if (stackOutcomes.size < 256) stackOutcomes.set(note, outcome);
  }
  return outcome;
}

export function unrelatedOutcome(note: string): StepOutcome {
  let outcome = unrelatedOutcomes.get(note);
  if (outcome === undefined) {
    outcome = { kind: 'unrelated', note };
    if (unrelatedOutcomes.size < 256) unrelatedOutcomes.set(note, outcome);
  }
  return outcome;
}
