/**
 * SCXML transition domain (Appendix D, getTransitionDomain/findLCCA): the
 * least common compound ancestor of the source and the target. Every
 * transition here is external, so the source itself is never its domain:
 * a self-transition exits and re-enters its source.
 */
import type { StateId } from '../model.js';
import type { StateTree } from './stateTree.js';

/** The domain of source -> target; undefined means the implicit root. */
export function transitionDomain(tree: StateTree, source: StateId, target: StateId): StateId | undefined {
  for (let anc = tree.nodes[source]?.parent; anc !== undefined; anc = tree.nodes[anc]?.parent) {
    const node = tree.nodes[anc];
    if (node !== undefined && node.kind === 'compound' && isDescendant(tree, target, anc)) return anc;
  }
  return undefined;
}

export function isDescendant(tree: StateTree, state: StateId, ancestor: StateId): boolean {
  const node = tree.nodes[ancestor];
  return node !== undefined && state > ancestor && state <= node.end;
}

/** The ids a transition with this domain exits when they are active: the domain's descendants. */
export function exitRange(tree: StateTree, domain: StateId | undefined): { from: StateId; to: StateId } {
  if (domain === undefined) return { from: 0, to: tree.nodes.length - 1 };
  return { from: domain + 1, to: tree.nodes[domain]?.end ?? domain };
}
