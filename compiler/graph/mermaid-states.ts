/**
 * Mermaid statements for states, one function per construct: a state body
 * (initial marker, children, edges), leaves, final states (`X --> [*]`),
 * composites (`state X { ... }`), parallel states (regions separated by
 * `--`), and internal (targetless) transitions, listed inside the state:
 * as description lines of a leaf, as a note beside a composite (Mermaid
 * refuses descriptions on composites).
 */
import type { FlowModel, StateModel } from '../model.js';
import type { MermaidFlowIds } from './mermaid-ids.js';
import { mermaidText } from './mermaid-text.js';
import { mermaidTransition, TOP_LEVEL } from './mermaid-transitions.js';
import type { ParallelEdges } from './parallel-edges.js';
import { childStates, internalTransitions, topLevelInitial, topLevelStates } from './state-tree.js';
import { transitionLabel } from './transition-label.js';

export interface MermaidFlow {
  readonly model: FlowModel;
  readonly ids: MermaidFlowIds;
  readonly edges: ReadonlyMap<number, readonly ParallelEdges[]>;
}

const indent = (lines: readonly string[]): string[] => lines.map((line) => `  ${line}`);

/**
 * The statements inside a body: the flow's top level (`scope` undefined) or a
 * compound state. Edges the body does not hold (see mermaid-transitions.ts)
 * come from `mermaidTopLevelEdges`, after every flow's states.
 */
export function mermaidBody(flow: MermaidFlow, scope: StateModel | undefined): string[] {
  const initial = scope === undefined ? topLevelInitial(flow.model) : scope.initial;
  const children = scope === undefined ? topLevelStates(flow.model) : childStates(flow.model, scope);
  const edges = scope === undefined ? [] : (flow.edges.get(scope.id) ?? []);
  return [
    ...(initial === undefined ? [] : [mermaidInitial(flow, initial)]),
    ...children.flatMap((child) => mermaidState(flow, child)),
    ...edges.map((edge) => mermaidTransition(flow.model, flow.ids, edge)),
  ];
}

export function mermaidTopLevelEdges(flow: MermaidFlow): string[] {
  return (flow.edges.get(TOP_LEVEL) ?? []).map((edge) => mermaidTransition(flow.model, flow.ids, edge));
}

export function mermaidInitial(flow: MermaidFlow, target: number): string {
  return `[*] --> ${flow.ids.state(target)}`;
}

export function mermaidState(flow: MermaidFlow, state: StateModel): string[] {
  switch (state.kind) {
    case 'atomic':
      return mermaidLeaf(flow, state);
    case 'final':
      return mermaidFinal(flow, state);
    case 'compound':
      return [...mermaidCompound(flow, state), ...mermaidNote(flow, state)];
    case 'parallel':
      return [...mermaidParallel(flow, state), ...mermaidNote(flow, state)];
  }
}

export function mermaidLeaf(flow: MermaidFlow, state: StateModel): string[] {
  const id = flow.ids.state(state.id);
  const internal = internalLines(flow, state);
  // a first description replaces the title, so a leaf that lists transitions repeats its name first
  if (internal.length > 0) return [state.name, ...internal].map((line) => `${id} : ${line}`);
  return [id === state.name ? id : `state "${state.name}" as ${id}`];
}

export function mermaidFinal(flow: MermaidFlow, state: StateModel): string[] {
  return [...mermaidLeaf(flow, state), `${flow.ids.state(state.id)} --> [*]`];
}

export function mermaidCompound(flow: MermaidFlow, state: StateModel): string[] {
  const id = flow.ids.state(state.id);
  const head = id === state.name ? `state ${id} {` : `state "${state.name}" as ${id} {`;
  return [head, ...indent(mermaidBody(flow, state)), '}'];
}

/** Regions side by side, separated by `--`; no initial marker, since every region is entered. */
export function mermaidParallel(flow: MermaidFlow, state: StateModel): string[] {
  const regions = childStates(flow.model, state).map((region) => mermaidState(flow, region));
  const body = regions.flatMap((lines, index) => (index === 0 ? lines : ['--', ...lines]));
  return [`state "${state.name} (parallel)" as ${flow.ids.state(state.id)} {`, ...indent(body), '}'];
}

/** Internal transitions of a composite, as a note beside it. */
export function mermaidNote(flow: MermaidFlow, state: StateModel): string[] {
  const internal = internalLines(flow, state);
  if (internal.length === 0) return [];
  // note lines are not indented: Mermaid keeps leading spaces in the note text
  return [`note right of ${flow.ids.state(state.id)}`, ...internal, 'end note'];
}

function internalLines(flow: MermaidFlow, state: StateModel): string[] {
  return internalTransitions(flow.model, state).map((t) => mermaidText(transitionLabel(flow.model, t)));
}
