/**
 * Mermaid edges: one `source --> target : label` line per pair of states
 * (several transitions between them share it, a `<br/>` apart). Mermaid moves
 * a state into whichever composite body last mentions it, except the
 * diagram's top level: so an edge between siblings is written in their
 * parent's body, and every other edge at the top level, after all states.
 */
import type { FlowModel, StateId } from '../model.js';
import type { MermaidFlowIds } from './mermaid-ids.js';
import { mermaidText } from './mermaid-text.js';
import { parallelEdges } from './parallel-edges.js';
import type { ParallelEdges } from './parallel-edges.js';
import { targetedTransitions } from './state-tree.js';
import { transitionLabel } from './transition-label.js';

/** Key of the diagram's top level in `edgesByScope`. */
export const TOP_LEVEL = -1;

/** Edges grouped by the state body they are written in (TOP_LEVEL: the diagram's top level), in document order. */
export function edgesByScope(model: FlowModel): ReadonlyMap<number, readonly ParallelEdges[]> {
  const out = new Map<number, ParallelEdges[]>();
  for (const edge of parallelEdges(targetedTransitions(model))) {
    const scope = siblingScope(model, edge) ?? TOP_LEVEL;
    const list = out.get(scope) ?? [];
    list.push(edge);
    out.set(scope, list);
  }
  return out;
}

/** The compound state both ends are children of; a parallel state's body is split into regions, so never that. */
function siblingScope(model: FlowModel, edge: ParallelEdges): StateId | undefined {
  const parent = model.states[edge.source]?.parent;
  if (parent === undefined || model.states[edge.target]?.parent !== parent) return undefined;
  return model.states[parent]?.kind === 'compound' ? parent : undefined;
}

export function mermaidTransition(model: FlowModel, ids: MermaidFlowIds, edge: ParallelEdges): string {
  const label = edge.transitions.map((t) => mermaidText(transitionLabel(model, t))).join('<br/>');
  return `${ids.state(edge.source)} --> ${ids.state(edge.target)} : ${label}`;
}
