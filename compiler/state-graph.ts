/**
 * The statechart semantics the analyses share: which states a transition
 * exits and enters (SCXML external transitions: the domain is the nearest
 * non-parallel proper ancestor of the source that contains the target;
 * entering a compound enters its initial child, a parallel state all its
 * regions), and which states are reachable at all. Steps are computed once
 * per transition, so analyses stay linear in the size of the flow.
 */
import type { Block } from '../grammar/ast.js';
import type { FlowSymbols, StateNode, TransitionSite } from './symbols.js';

export interface Step {
  /** Exited for certain, innermost first: the declaring state up to the child of the domain. */
  readonly exited: readonly StateNode[];
  /**
   * Roots of subtrees whose states may be active and then exit too: the
   * declaring state's children and the other regions of parallel states left.
   */
  readonly mayExit: readonly StateNode[];
  /** Entered, in entry order (ancestors first, regions in document order). */
  readonly entered: readonly StateNode[];
  /** The atomic states among `entered`: the configuration after the step. */
  readonly leaves: readonly StateNode[];
}

export interface StateGraph {
  readonly flow: FlowSymbols;
  /** The step that starts the flow: default entry of the root. */
  readonly initial: Step;
  /** The step of a targeted transition; targetless (or unresolved) transitions exit and enter nothing. */
  stepOf(site: TransitionSite): Step;
  /** `node` followed by what a default entry of it enters. */
  defaultEntry(node: StateNode): readonly StateNode[];
}

const EMPTY_STEP: Step = { exited: [], mayExit: [], entered: [], leaves: [] };

export function isLeaf(node: StateNode): boolean {
  return node.children.length === 0;
}

/** Whether `a` is `b` or one of its ancestors. */
export function isAncestorOrSelf(a: StateNode, b: StateNode): boolean {
  return a.pre <= b.pre && b.pre <= a.last;
}

/** Top-level final states end the flow; nested ones only complete their parent. */
export function endsFlow(node: StateNode): boolean {
  return node.final && node.parent?.parent === undefined;
}

export function entryBlocks(node: StateNode): readonly Block[] {
  return node.decl?.entry ?? [];
}

export function exitBlocks(node: StateNode): readonly Block[] {
  return node.decl?.exit ?? [];
}

export function buildStateGraph(flow: FlowSymbols): StateGraph {
  const defaults = new Array<readonly StateNode[] | undefined>(flow.states.length);
  const steps = new Array<Step | undefined>(flow.transitions.length);

  const defaultEntry = (node: StateNode): readonly StateNode[] => {
    const cached = defaults[node.pre];
    if (cached !== undefined) return cached;
    const out: StateNode[] = [node];
    if (node.parallel) {
      for (const child of node.children) pushAll(out, defaultEntry(child));
    } else if (node.initialChild !== undefined) {
      pushAll(out, defaultEntry(node.initialChild));
    }
    defaults[node.pre] = out;
    return out;
  };

  const stepOf = (site: TransitionSite): Step => {
    const cached = steps[site.index];
    if (cached !== undefined) return cached;
    const target = site.target;
    const step = target === undefined ? EMPTY_STEP : computeStep(site.state, target, defaultEntry);
    steps[site.index] = step;
    return step;
  };

  const initialEntered = defaultEntry(flow.root);
  const initial: Step = { exited: [], mayExit: [], entered: initialEntered, leaves: initialEntered.filter(isLeaf) };
  return { flow, initial, stepOf, defaultEntry };
}

function computeStep(source: StateNode, target: StateNode, defaultEntry: (n: StateNode) => readonly StateNode[]): Step {
  let domain = source.parent;
  while (domain !== undefined && (domain.parallel || !(domain.pre < target.pre && target.pre <= domain.last))) {
    domain = domain.parent;
  }
  const exited: StateNode[] = [];
  const mayExit: StateNode[] = source.children.slice();
  for (let s: StateNode | undefined = source; s !== undefined && s !== domain; s = s.parent) {
    exited.push(s);
    const parent: StateNode | undefined = s.parent;
    if (parent !== undefined && parent !== domain && parent.parallel) {
      for (const region of parent.children) if (region !== s) mayExit.push(region);
    }
  }
  const path: StateNode[] = [];
  for (let s: StateNode | undefined = target; s !== undefined && s !== domain; s = s.parent) path.push(s);
  path.reverse();
  const entered: StateNode[] = [];
  const enter = (i: number): void => {
    const node = path[i];
    if (node === undefined) return;
    if (i === path.length - 1) {
      pushAll(entered, defaultEntry(node));
      return;
    }
    entered.push(node);
    const next = path[i + 1];
    if (!node.parallel) {
      enter(i + 1);
      return;
    }
    for (const region of node.children) {
      if (region === next) enter(i + 1);
      else pushAll(entered, defaultEntry(region));
    }
  };
  enter(0);
  return { exited, mayExit, entered, leaves: entered.filter(isLeaf) };
}

/** `into.push(...items)` without spreading an argument list (steps are built for every transition of a big flow). */
function pushAll(into: StateNode[], items: readonly StateNode[]): void {
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item !== undefined) into.push(item);
  }
}

/** Which states some sequence of transitions can enter from the start (guards and timers assumed satisfiable). */
export function reachableStates(graph: StateGraph): readonly boolean[] {
  const reached = new Array<boolean>(graph.flow.states.length).fill(false);
  const work: StateNode[] = [];
  const mark = (nodes: readonly StateNode[]): void => {
    for (const n of nodes) {
      if (reached[n.pre] === true) continue;
      reached[n.pre] = true;
      work.push(n);
    }
  };
  mark(graph.initial.entered);
  for (let n = work.pop(); n !== undefined; n = work.pop()) {
    for (const site of n.transitions) mark(graph.stepOf(site).entered);
  }
  return reached;
}
