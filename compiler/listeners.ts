/**
 * Which triggers a flow listens to where. Per trigger key, the states with
 * an `on` for it, in preorder: "is there a handler inside this subtree" is a
 * binary search over preorder ranges, so asking it for every state of a big
 * flow stays O(n log n) however many handlers a key has.
 */
import type { FlowSymbols, StateNode } from './symbols.js';

export interface Listeners {
  /** Some `on key` can fire while `node` is active: on `node`, an ancestor, or a state in a concurrent region. */
  whileActive(node: StateNode, key: string): boolean;
  /** Some `on key` is declared on `node`, an ancestor or a descendant. */
  aroundState(node: StateNode, key: string): boolean;
}

export function indexListeners(flow: FlowSymbols): Listeners {
  // Built by walking the states in preorder, so each list is sorted by `pre`.
  const byKey = new Map<string, number[]>();
  for (const node of flow.states) {
    for (const key of node.onByKey.keys()) {
      const list = byKey.get(key);
      if (list === undefined) byKey.set(key, [node.pre]);
      else list.push(node.pre);
    }
  }
  /** Whether some handler of `key` has its preorder position in [from, to]. */
  const within = (key: string, from: number, to: number): boolean => {
    const list = byKey.get(key);
    if (list === undefined || from > to) return false;
    const i = lowerBound(list, from);
    const pre = list[i];
    return pre !== undefined && pre <= to;
  };
  const onAncestor = (node: StateNode, key: string): boolean => {
    for (let s: StateNode | undefined = node; s !== undefined; s = s.parent) if (s.onByKey.has(key)) return true;
    return false;
  };
  return {
    whileActive(node, key) {
      if (!byKey.has(key)) return false;
      if (onAncestor(node, key)) return true;
      for (let s: StateNode = node, p = node.parent; p !== undefined; s = p, p = p.parent) {
        // Other regions of a parallel ancestor: its subtree minus the region holding `node`.
        if (p.parallel && (within(key, p.pre + 1, s.pre - 1) || within(key, s.last + 1, p.last))) return true;
      }
      return false;
    },
    aroundState: (node, key) => byKey.has(key) && (onAncestor(node, key) || within(key, node.pre + 1, node.last)),
  };
}

function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? Number.POSITIVE_INFINITY) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
