/**
 * Transitions between the same two states, drawn as one edge with a line per
 * transition: several arrows between one pair of states only crowd their
 * labels into each other.
 */
import type { StateId } from '../model.js';
import type { TargetedTransition } from './state-tree.js';

export interface ParallelEdges {
  readonly source: StateId;
  readonly target: StateId;
  /** In document order. */
  readonly transitions: readonly TargetedTransition[];
}

/** Groups by (source, target), ordered by each pair's first transition. */
export function parallelEdges(transitions: readonly TargetedTransition[]): ParallelEdges[] {
  const groups = new Map<string, { source: StateId; target: StateId; transitions: TargetedTransition[] }>();
  for (const t of transitions) {
    const key = `${t.source}>${t.target}`;
    const group = groups.get(key) ?? { source: t.source, target: t.target, transitions: [] };
    group.transitions.push(t);
    groups.set(key, group);
  }
  return [...groups.values()];
}
