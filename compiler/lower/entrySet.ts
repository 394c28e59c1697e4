/**
 * SCXML computeEntrySet for one target (Appendix D: addDescendantStatesToEnter,
 * addAncestorStatesToEnter), done at compile time: with no history states the
 * set depends only on the target and the domain. Result in entry order
 * (document order, ancestors first).
 */
import type { StateId } from '../model.js';
import type { StateTree } from './stateTree.js';
import { isDescendant } from './transitionDomain.js';

export function entrySet(tree: StateTree, target: StateId, domain: StateId | undefined): StateId[] {
  const enter = new Set<StateId>();
  addDescendants(tree, target, enter);
  addAncestors(tree, target, domain, enter);
  return [...enter].sort((a, b) => a - b);
}

/** What `initial()` enters: the root's default child and its default descendants. */
export function initialEntrySet(tree: StateTree): StateId[] {
  return tree.rootInitial === undefined ? [] : entrySet(tree, tree.rootInitial, undefined);
}

function addDescendants(tree: StateTree, state: StateId, enter: Set<StateId>): void {
  const node = tree.nodes[state];
  if (node === undefined) return;
  enter.add(state);
  if (node.kind === 'compound' && node.initial !== undefined) {
    addDescendants(tree, node.initial, enter);
    addAncestors(tree, node.initial, state, enter);
  } else if (node.kind === 'parallel') {
    addRegions(tree, node.children, enter);
  }
}

function addAncestors(tree: StateTree, state: StateId, ancestor: StateId | undefined, enter: Set<StateId>): void {
  for (let anc = tree.nodes[state]?.parent; anc !== undefined && anc !== ancestor; anc = tree.nodes[anc]?.parent) {
    enter.add(anc);
    const node = tree.nodes[anc];
    if (node?.kind === 'parallel') addRegions(tree, node.children, enter);
  }
}

/** Regions of a parallel state that nothing already entered lies in get their default entry. */
function addRegions(tree: StateTree, regions: readonly StateId[], enter: Set<StateId>): void {
  for (const region of regions) {
    if (![...enter].some((s) => s === region || isDescendant(tree, s, region))) addDescendants(tree, region, enter);
  }
}
