/** The innermost active states of a configuration: what a person reads as "the state" (several in parallel regions). */
import type { FlowDescription } from '../machine.js';

const parentsOf = new WeakMap<FlowDescription, ReadonlyMap<string, string | undefined>>();

export function leafStates(flow: FlowDescription, configuration: readonly string[]): string[] {
  let parents = parentsOf.get(flow);
  if (parents === undefined) {
    parents = new Map(flow.states.map((s) => [s.name, s.parent]));
    parentsOf.set(flow, parents);
  }
  const inner = new Set<string>();
  for (const state of configuration) {
    const parent = parents.get(state);
    if (parent !== undefined) inner.add(parent);
  }
  return configuration.filter((s) => !inner.has(s));
}

export function stateLabel(flow: FlowDescription, configuration: readonly string[]): string {
  return leafStates(flow, configuration).join(',');
}
