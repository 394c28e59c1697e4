/**
 * Which triggers a flow listens to where: an index from trigger key to the
 * states that have an `on` for it, so "is `agent.hangup` handled while X is
 * active" costs the number of handlers of that key, not a walk of the flow.
 */
import { isAncestorOrSelf } from './state-graph.js';
import type { FlowSymbols, StateNode } from './symbols.js';

export interface Listeners {
  /** Some `on key` can fire while `node` is active: on `node`, an ancestor, or a state in a concurrent region. */
  whileActive(node: StateNode, key: string): boolean;
  /** Some `on key` is declared on `node`, an ancestor or a descendant. */
  aroundState(node: StateNode, key: string): boolean;
}

export function indexListeners(flow: FlowSymbols): Listeners {
  const byKey = new Map<string, StateNode[]>();
  for (const node of flow.states) {
    for (const key of node.onByKey.keys()) {
      const list = byKey.get(key);
      if (list === undefined) byKey.set(key, [node]);
      else list.push(node);
    }
  }
  const handlers = (key: string): readonly StateNode[] => byKey.get(key) ?? [];
  return {
    whileActive: (node, key) => handlers(key).some((h) => isAncestorOrSelf(h, node) || concurrent(h, node)),
    aroundState: (node, key) => handlers(key).some((h) => isAncestorOrSelf(h, node) || isAncestorOrSelf(node, h)),
  };
}

/** Whether two states lie in different regions of one parallel state (so both can be active at once). */
export function concurrent(a: StateNode, b: StateNode): boolean {
  let x: StateNode | undefined = a;
  let y: StateNode | undefined = b;
  while (x !== undefined && y !== undefined && x.depth > y.depth) x = x.parent;
  while (x !== undefined && y !== undefined && y.depth > x.depth) y = y.parent;
  if (x === y) return false;
  while (x !== undefined && y !== undefined && x.parent !== y.parent) {
    x = x.parent;
    y = y.parent;
  }
  return x?.parent?.parallel === true;
}
