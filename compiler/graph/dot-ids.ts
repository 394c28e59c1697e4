/**
 * Graphviz ids for one flow's states, clusters and markers. State names are
 * identifiers, so ids built with `/` and `#` can never collide with a state's
 * own id; several flows in one graph are kept apart by a `Flow/` prefix.
 */
import type { FlowModel, StateId } from '../model.js';
import { dotString } from './dot-text.js';
import { stateName } from './state-tree.js';

export interface DotFlowIds {
  /** Node of a state (for composites, see cluster). */
  node(id: StateId): string;
  cluster(id: StateId): string;
  /** The initial marker of a compound state, or of the top level (undefined). */
  initial(scope: StateId | undefined): string;
  /** An invisible point inside a composite, for edges that start at it and end inside it. */
  anchor(id: StateId): string;
  /** The cluster holding the whole flow when several flows share the graph. */
  readonly wrapper?: string;
}

export function dotIds(model: FlowModel, shared: boolean): DotFlowIds {
  const prefix = shared ? `${model.name}/` : '';
  const name = (id: StateId): string => stateName(model, id);
  return {
    node: (id) => dotString(`${prefix}${name(id)}`),
    cluster: (id) => dotString(`cluster_${prefix}${name(id)}`),
    initial: (scope) => dotString(`${prefix}${scope === undefined ? '' : name(scope)}#initial`),
    anchor: (id) => dotString(`${prefix}${name(id)}#anchor`),
    ...(shared ? { wrapper: dotString(`cluster_${prefix}`) } : {}),
  };
}
