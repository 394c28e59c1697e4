/**
 * Numbers the states of a flow in document order (pre-order), so that a
 * state's descendants are the contiguous ids after it. Emit relies on that:
 * "is a descendant of" and "the active states under a domain" become range
 * checks instead of tree walks at run time.
 */
import type { StateDecl, StateModifier } from '../../grammar/ast.js';
import type { StateKind } from '../../runtime/machine.js';
import type { StateId } from '../model.js';

export interface StateNode {
  readonly id: StateId;
  readonly decl: StateDecl;
  readonly parent?: StateId;
  readonly kind: StateKind;
  readonly children: readonly StateId[];
  readonly initial?: StateId;
  readonly depth: number;
  readonly end: StateId;
}

export interface StateTree {
  readonly nodes: readonly StateNode[];
  readonly byName: ReadonlyMap<string, StateId>;
  readonly topLevel: readonly StateId[];
  /** The top-level state `initial()` enters (undefined only for a flow without states). */
  readonly rootInitial?: StateId;
}

export function buildStateTree(states: readonly StateDecl[]): StateTree {
  const nodes: StateNode[] = [];
  const byName = new Map<string, StateId>();
  const topLevel = states.map((decl) => addState(decl, undefined, 1, nodes, byName));
  const rootInitial = defaultChild(states, topLevel);
  return rootInitial === undefined ? { nodes, byName, topLevel } : { nodes, byName, topLevel, rootInitial };
}

function addState(
  decl: StateDecl,
  parent: StateId | undefined,
  depth: number,
  nodes: StateNode[],
  byName: Map<string, StateId>,
): StateId {
  const id = nodes.length;
  // Reserve the slot so children get the ids after their parent.
  nodes.push(placeholder(id, decl));
  if (!byName.has(decl.name.text)) byName.set(decl.name.text, id);
  const children = decl.states.map((child) => addState(child, id, depth + 1, nodes, byName));
  const kind = stateKind(decl);
  const initial = kind === 'compound' ? defaultChild(decl.states, children) : undefined;
  nodes[id] = {
    id,
    decl,
    ...(parent === undefined ? {} : { parent }),
    kind,
    children,
    ...(initial === undefined ? {} : { initial }),
    depth,
    end: nodes.length - 1,
  };
  return id;
}

function placeholder(id: StateId, decl: StateDecl): StateNode {
  return { id, decl, kind: 'atomic', children: [], depth: 0, end: id };
}

function hasModifier(decl: StateDecl, modifier: StateModifier): boolean {
  return decl.modifiers.some((m) => m.modifier === modifier);
}

function stateKind(decl: StateDecl): StateKind {
  if (hasModifier(decl, 'final')) return 'final';
  if (hasModifier(decl, 'parallel')) return 'parallel';
  return decl.states.length > 0 ? 'compound' : 'atomic';
}

/** The child marked `initial`, else the first one in document order. */
function defaultChild(decls: readonly StateDecl[], ids: readonly StateId[]): StateId | undefined {
  const marked = decls.findIndex((d) => hasModifier(d, 'initial'));
  return ids[marked >= 0 ? marked : 0];
}
