/**
 * Graphviz statements for states, one function per construct: a body
 * (initial marker, children), leaves, final states (double circles),
 * compound states (clusters), parallel states (a cluster labelled parallel
 * whose regions are dashed clusters side by side), initial markers (points)
 * and anchors. Internal transitions are listed inside the state's label.
 */
import type { StateModel } from '../model.js';
import { dotInitialEdge } from './dot-edges.js';
import type { DotFlow } from './dot-edges.js';
import { stateLabel } from './dot-labels.js';
import { dotStatement } from './dot-text.js';
import { transitionLabel } from './transition-label.js';
import { childStates, internalTransitions, topLevelInitial, topLevelStates } from './state-tree.js';

const indent = (lines: readonly string[]): string[] => lines.map((line) => `  ${line}`);

/** The statements inside the top level (`scope` undefined) or a compound state. */
export function dotBody(flow: DotFlow, scope: StateModel | undefined): string[] {
  const initialId = scope === undefined ? topLevelInitial(flow.model) : scope.initial;
  const initial = initialId === undefined ? undefined : flow.model.states[initialId];
  const children = scope === undefined ? topLevelStates(flow.model) : childStates(flow.model, scope);
  return [...(initial === undefined ? [] : dotInitial(flow, scope, initial)), ...children.flatMap((child) => dotState(flow, child, false))];
}

/** A state; `region` when it is a region of a parallel state. */
export function dotState(flow: DotFlow, state: StateModel, region: boolean): string[] {
  switch (state.kind) {
    case 'atomic':
      return dotLeaf(flow, state);
    case 'final':
      return dotFinal(flow, state);
    case 'compound':
      return dotCompound(flow, state, region);
    case 'parallel':
      return dotParallel(flow, state, region);
  }
}

export function dotLeaf(flow: DotFlow, state: StateModel): string[] {
  return [dotStatement(flow.ids.node(state.id), leafLabel(flow, state))];
}

export function dotFinal(flow: DotFlow, state: StateModel): string[] {
  return [dotStatement(flow.ids.node(state.id), ['shape=doublecircle', ...leafLabel(flow, state)])];
}

export function dotCompound(flow: DotFlow, state: StateModel, region: boolean): string[] {
  return dotCluster(flow, state, undefined, region, dotBody(flow, state));
}

/** Every region is entered, so a parallel state has no initial marker of its own. */
export function dotParallel(flow: DotFlow, state: StateModel, region: boolean): string[] {
  const regions = childStates(flow.model, state).flatMap((child) => dotState(flow, child, true));
  return dotCluster(flow, state, 'parallel', region, regions);
}

/** The initial marker of a body and its edge to the state entered by default. */
export function dotInitial(flow: DotFlow, scope: StateModel | undefined, target: StateModel): string[] {
  const marker = flow.ids.initial(scope?.id);
  return [dotStatement(marker, ['shape=point', 'width=0.12', 'label=""']), dotInitialEdge(flow, scope, target)];
}

export function dotAnchor(flow: DotFlow, state: StateModel): string[] {
  return flow.anchored.has(state.id) ? [dotStatement(flow.ids.anchor(state.id), ['shape=point', 'style=invis', 'width=0.01', 'label=""'])] : [];
}

function dotCluster(flow: DotFlow, state: StateModel, kind: string | undefined, region: boolean, body: readonly string[]): string[] {
  // regions are dashed, like the dashed lines that separate regions in UML
  const style = region ? 'rounded,dashed' : 'rounded';
  return [
    `subgraph ${flow.ids.cluster(state.id)} {`,
    ...indent([`label=${stateLabel(state.name, kind, internalLines(flow, state))};`, `style="${style}";`, ...dotAnchor(flow, state), ...body]),
    '}',
  ];
}

/** The label attribute, left out when the node's id already reads as its name. */
function leafLabel(flow: DotFlow, state: StateModel): string[] {
  const label = stateLabel(state.name, undefined, internalLines(flow, state));
  return label === flow.ids.node(state.id) ? [] : [`label=${label}`];
}

function internalLines(flow: DotFlow, state: StateModel): string[] {
  return internalTransitions(flow.model, state).map((t) => transitionLabel(flow.model, t));
}
