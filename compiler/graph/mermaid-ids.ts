/**
 * Mermaid ids for the states of the flows in one diagram. A state's id is its
 * name when that is safe; otherwise (several flows sharing one diagram, or a
 * name Mermaid's lexer takes for a keyword) a unique alias, and the state is
 * declared with its name as label.
 */
import type { FlowModel, StateId } from '../model.js';

export interface MermaidFlowIds {
  /** Id of the composite that holds the flow when several flows share the diagram. */
  readonly wrapper?: string;
  state(id: StateId): string;
}

/**
 * Words the stateDiagram lexer matches case-insensitively at the start of a
 * statement, and `root`, the id Mermaid gives the diagram itself.
 */
const RESERVED = new Set(['accdescr', 'acctitle', 'class', 'classdef', 'click', 'default', 'direction', 'end', 'hide', 'href', 'note', 'root', 'scale', 'state', 'statediagram', 'style']);

function isSafe(name: string): boolean {
  // Mermaid names the start and end markers of composite X `X_start` and `X_end`
  return !RESERVED.has(name.toLowerCase()) && !/_(start|end)$/i.test(name);
}

export function mermaidIds(models: readonly FlowModel[]): readonly MermaidFlowIds[] {
  const taken = new Set<string>();
  const claim = (candidate: string): string => {
    let id = candidate;
    while (taken.has(id) || !isSafe(id)) id = `${id}_`;
    taken.add(id);
    return id;
  };
  const shared = models.length > 1;
  // wrappers first: their ids are the flow names, the most readable ones
  const wrappers = models.map((m) => (shared ? claim(m.name) : undefined));
  return models.map((model, index) => {
    const ids = model.states.map((s) => claim(shared ? `${model.name}_${s.name}` : s.name));
    const wrapper = wrappers[index];
    return {
      ...(wrapper === undefined ? {} : { wrapper }),
      state: (id: StateId): string => ids[id] ?? `state_${id}`,
    };
  });
}
