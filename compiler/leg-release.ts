/**
 * Which atomic states can still release a held leg: some sequence of
 * transitions from there runs `unhold`, `hangup`, `cancel` or `reject` of the
 * leg, or hands it over (`refer leg ...`, `refer other to leg replacing`).
 * Backward propagation over the transitions that enter each atomic state,
 * linear in the size of the flow.
 */
import type { Action, Block } from '../grammar/ast.js';
import { entryBlocks, exitBlocks, isLeaf } from './state-graph.js';
import type { Step, StateGraph } from './state-graph.js';
import type { StateNode, TransitionSite } from './symbols.js';

export function releases(action: Action, leg: string): boolean {
  switch (action.kind) {
    case 'Unhold':
    case 'Hangup':
    case 'Cancel':
    case 'Reject':
    case 'Refer':
      return action.leg.text === leg;
    case 'ReferReplacing':
      return action.replacing.text === leg || action.leg.text === leg;
    default:
      return false;
  }
}

function blocksRelease(blocks: readonly Block[], leg: string): boolean {
  for (const block of blocks) for (const action of block.actions) if (releases(action, leg)) return true;
  return false;
}

function anyMarked(nodes: readonly StateNode[], marks: readonly boolean[]): boolean {
  for (const node of nodes) if (marks[node.pre] === true) return true;
  return false;
}

/** Whether the entry blocks of a step release the leg. */
export function stepEntryReleases(step: Step, leg: string): boolean {
  for (const node of step.entered) if (blocksRelease(entryBlocks(node), leg)) return true;
  return false;
}

/** Per state, whether its own entry blocks and its own exit blocks release the leg: asked once, not per transition. */
interface BlockReleases {
  readonly onEntry: readonly boolean[];
  readonly onExit: readonly boolean[];
  /** Whether an exit block anywhere in the subtree releases the leg. */
  readonly inSubtreeExit: readonly boolean[];
}

function blockReleases(graph: StateGraph, leg: string): BlockReleases {
  const states = graph.flow.states;
  const onEntry = states.map((node) => blocksRelease(entryBlocks(node), leg));
  const onExit = states.map((node) => blocksRelease(exitBlocks(node), leg));
  const inSubtreeExit = onExit.slice();
  // Reverse preorder: children before parents.
  for (let i = states.length - 1; i >= 0; i--) {
    const parent = states[i]?.parent;
    if (parent !== undefined && inSubtreeExit[i] === true) inSubtreeExit[parent.pre] = true;
  }
  return { onEntry, onExit, inSubtreeExit };
}

function transitionReleases(graph: StateGraph, site: TransitionSite, leg: string, blocks: BlockReleases): boolean {
  const actions = site.transition.actions;
  if (actions !== undefined && blocksRelease([actions], leg)) return true;
  const step = graph.stepOf(site);
  return (
    anyMarked(step.exited, blocks.onExit) ||
    anyMarked(step.entered, blocks.onEntry) ||
    // Exits of states that may be active below or beside the source: counted, optimistically.
    anyMarked(step.mayExit, blocks.inSubtreeExit)
  );
}

/** `result[pre]` is true for atomic states from which the leg can still be released. */
export function releasableStates(graph: StateGraph, leg: string): readonly boolean[] {
  const states = graph.flow.states;
  const canRelease = new Array<boolean>(states.length).fill(false);
  const sourceMarked = new Array<boolean>(states.length).fill(false);
  const enteredBy = new Map<StateNode, TransitionSite[]>();
  const marked: StateNode[] = [];

  // From any atomic state below `source`, the transitions of `source` can fire.
  const markSource = (source: StateNode): void => {
    if (sourceMarked[source.pre] === true) return;
    sourceMarked[source.pre] = true;
    for (let i = source.pre; i <= source.last; i++) {
      const n = states[i];
      if (n === undefined || !isLeaf(n) || canRelease[i] === true) continue;
      canRelease[i] = true;
      marked.push(n);
    }
  };

  const blocks = blockReleases(graph, leg);
  for (const site of graph.flow.transitions) {
    if (site.target !== undefined) {
      for (const leaf of graph.stepOf(site).leaves) {
        const list = enteredBy.get(leaf);
        if (list === undefined) enteredBy.set(leaf, [site]);
        else list.push(site);
      }
    }
    if (transitionReleases(graph, site, leg, blocks)) markSource(site.state);
  }
  for (let leaf = marked.pop(); leaf !== undefined; leaf = marked.pop()) {
    for (const site of enteredBy.get(leaf) ?? []) markSource(site.state);
  }
  return canRelease;
}
