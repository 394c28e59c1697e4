/**
 * Graphviz edges between states. An edge to or from a composite state ends
 * at a node inside its cluster and is clipped at the cluster's border
 * (`lhead`/`ltail`, with `compound=true`): entering goes to the initial
 * marker (the first region's, for a parallel state), leaving starts at the
 * last state inside, so the target ranks below the whole cluster. Clipping is
 * impossible when one end lies inside the other's cluster; then the edge
 * starts at the composite's anchor, or ends at its initial marker.
 */
import type { FlowModel, StateId, StateModel } from '../model.js';
import type { DotFlowIds } from './dot-ids.js';
import { dotStatement, dotString } from './dot-text.js';
import type { ParallelEdges } from './parallel-edges.js';
import { contains, targetedTransitions } from './state-tree.js';
import { transitionLabel } from './transition-label.js';

export interface DotFlow {
  readonly model: FlowModel;
  readonly ids: DotFlowIds;
  /** Composites with an anchor: sources of edges that end inside them. */
  readonly anchored: ReadonlySet<StateId>;
}

/** One end of an edge: a node, and the cluster to clip the edge at, if any. */
interface EdgeEnd {
  readonly node: string;
  readonly cluster?: string;
}

const isComposite = (state: StateModel): boolean => state.kind === 'compound' || state.kind === 'parallel';

/** Whether an edge from composite `source` to `target` cannot be clipped: the target is the composite or inside it. */
const endsInside = (source: StateModel, target: StateId): boolean => target === source.id || contains(source, target);

/** Composites that need an anchor: sources of edges that end inside them. */
export function anchoredComposites(model: FlowModel): ReadonlySet<StateId> {
  const out = new Set<StateId>();
  for (const t of targetedTransitions(model)) {
    const source = model.states[t.source];
    if (source !== undefined && isComposite(source) && endsInside(source, t.target)) out.add(t.source);
  }
  return out;
}

/** The node an edge entering `state` ends at. */
export function headNode(flow: DotFlow, state: StateModel): string {
  if (state.kind === 'compound') return flow.ids.initial(state.id);
  const firstRegion = state.kind === 'parallel' ? flow.model.states[state.children[0] ?? -1] : undefined;
  return firstRegion === undefined ? flow.ids.node(state.id) : headNode(flow, firstRegion);
}

function tailEnd(flow: DotFlow, source: StateModel, target: StateModel): EdgeEnd {
  if (!isComposite(source)) return { node: flow.ids.node(source.id) };
  if (endsInside(source, target.id)) return { node: flow.ids.anchor(source.id) };
  // the last descendant in document order is always a leaf
  return { node: flow.ids.node(source.end), cluster: flow.ids.cluster(source.id) };
}

/** The end entering `target`, from inside `from` (a state, or a body's initial marker: the body's state, undefined at the top level). */
function headEnd(flow: DotFlow, from: StateModel | undefined, target: StateModel): EdgeEnd {
  const node = headNode(flow, target);
  const clip = isComposite(target) && from?.id !== target.id && (from === undefined || !contains(target, from.id));
  return clip ? { node, cluster: flow.ids.cluster(target.id) } : { node };
}

/**
 * `backward` edges go up the document order. Authors write states roughly in
 * the order a call goes through them, so such an edge is written head to tail
 * and drawn reversed (`dir=back`): it then ranks its target above its source,
 * instead of a deep `-> LoggedOut` dragging the first state to the bottom.
 */
function edgeStatement(tail: EdgeEnd, head: EdgeEnd, attributes: readonly string[], backward: boolean): string {
  const clip = (end: EdgeEnd, attribute: string): string[] => (end.cluster === undefined ? [] : [`${attribute}=${end.cluster}`]);
  if (!backward) return dotStatement(`${tail.node} -> ${head.node}`, [...attributes, ...clip(tail, 'ltail'), ...clip(head, 'lhead')]);
  return dotStatement(`${head.node} -> ${tail.node}`, [...attributes, 'dir=back', ...clip(head, 'ltail'), ...clip(tail, 'lhead')]);
}

/** The edge from a body's initial marker to the state it enters. */
export function dotInitialEdge(flow: DotFlow, scope: StateModel | undefined, target: StateModel): string {
  return edgeStatement({ node: flow.ids.initial(scope?.id) }, headEnd(flow, scope, target), [], false);
}

/** One edge for all the transitions between two states, a label line each. */
export function dotTransition(flow: DotFlow, edge: ParallelEdges): string[] {
  const source = flow.model.states[edge.source];
  const target = flow.model.states[edge.target];
  if (source === undefined || target === undefined) return [];
  const label = `label=${dotString(edge.transitions.map((t) => transitionLabel(flow.model, t)).join('\n'))}`;
  return [edgeStatement(tailEnd(flow, source, target), headEnd(flow, source, target), [label], target.id < source.id)];
}
