/**
 * Mermaid edges: one `source --> target : label` line per pair of states
 * (several transitions between them share it, a `<br/>` apart), written in
 * the body that holds both ends.
 */
import type { FlowModel } from '../model.js';
import type { MermaidFlowIds } from './mermaid-ids.js';
import { mermaidText } from './mermaid-text.js';
import { parallelEdges } from './parallel-edges.js';
import type { ParallelEdges } from './parallel-edges.js';
import { edgeScope, targetedTransitions } from './state-tree.js';
import { transitionLabel } from './transition-label.js';

/** Key of the top level in `edgesByScope`. */
export const TOP_LEVEL = -1;

/** Edges grouped by the state body they are written in (TOP_LEVEL for the flow itself), in document order. */
export function edgesByScope(model: FlowModel): ReadonlyMap<number, readonly ParallelEdges[]> {
  const out = new Map<number, ParallelEdges[]>();
  for (const edge of parallelEdges(targetedTransitions(model))) {
    const scope = edgeScope(model, edge.source, edge.target) ?? TOP_LEVEL;
    const list = out.get(scope) ?? [];
    list.push(edge);
    out.set(scope, list);
  }
  return out;
}

export function mermaidTransition(model: FlowModel, ids: MermaidFlowIds, edge: ParallelEdges): string {
  const label = edge.transitions.map((t) => mermaidText(transitionLabel(model, t))).join('<br/>');
  return `${ids.state(edge.source)} --> ${ids.state(edge.target)} : ${label}`;
}
