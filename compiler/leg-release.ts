/**
 * Which atomic states can still release a held leg: some sequence of
 * transitions from there runs `unhold`, `hangup`, `cancel` or `reject` of the
 * leg, or hands it over (`refer leg ...`, `refer other to leg replacing`).
 * Backward propagation over the transitions that enter each atomic state,
 * linear in the size of the flow.
 */
import type { Action } from '../grammar/ast.js';
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

function blocksRelease(nodes: readonly StateNode[], blocksOf: typeof entryBlocks, leg: string): boolean {
  return nodes.some((n) => blocksOf(n).some((b) => b.actions.some((a) => releases(a, leg))));
}

/** Whether the entry blocks of a step release the leg. */
export function stepEntryReleases(step: Step, leg: string): boolean {
  return blocksRelease(step.entered, entryBlocks, leg);
}

function transitionReleases(graph: StateGraph, site: TransitionSite, leg: string, subtreeExit: readonly boolean[]): boolean {
  if (site.transition.actions?.actions.some((a) => releases(a, leg)) === true) return true;
  const step = graph.stepOf(site);
  return (
    blocksRelease(step.exited, exitBlocks, leg) ||
    stepEntryReleases(step, leg) ||
    // Exits of states that may be active below or beside the source: counted, optimistically.
    step.mayExit.some((root) => subtreeExit[root.pre] === true)
  );
}

/** Per state: whether an exit block anywhere in its subtree releases the leg. */
function subtreeExitReleases(graph: StateGraph, leg: string): readonly boolean[] {
  const states = graph.flow.states;
  const out = new Array<boolean>(states.length).fill(false);
  // Reverse preorder: children before parents.
  for (let i = states.length - 1; i >= 0; i--) {
    const node = states[i];
    if (node === undefined) continue;
    out[i] = blocksRelease([node], exitBlocks, leg) || node.children.some((c) => out[c.pre] === true);
  }
  return out;
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

  const subtreeExit = subtreeExitReleases(graph, leg);
  for (const site of graph.flow.transitions) {
    if (site.target !== undefined) {
      for (const leaf of graph.stepOf(site).leaves) {
        const list = enteredBy.get(leaf);
        if (list === undefined) enteredBy.set(leaf, [site]);
        else list.push(site);
      }
    }
    if (transitionReleases(graph, site, leg, subtreeExit)) markSource(site.state);
  }
  for (let leaf = marked.pop(); leaf !== undefined; leaf = marked.pop()) {
    for (const site of enteredBy.get(leaf) ?? []) markSource(site.state);
  }
  return canRelease;
}
