/**
 * Lowering: a checked FlowDecl to a FlowModel. Names are resolved here from
 * the AST (the checker has reported what does not resolve; anything left is
 * reported as FLOW3001 and the flow produces no model).
 */
import type { FlowDecl, Transition } from '../../grammar/ast.js';
import type { Diagnostic } from '../../grammar/diagnostic.js';
import type { ValueType } from '../../runtime/values.js';
import type { FlowModel, InputModel, StateId, StateModel, TimerModel, TransitionModel, VarModel } from '../model.js';
import { lowerBlocks, type ActionScope } from './actions.js';
import { gatherDeclarations, type Declarations } from './declarations.js';
import { entrySet, initialEntrySet } from './entrySet.js';
import { lowerExpr } from './expressions.js';
import { LoweringErrors } from './loweringErrors.js';
import { sourceRef } from './sourceRef.js';
import { buildStateTree, type StateTree } from './stateTree.js';
import { exitRange, transitionDomain } from './transitionDomain.js';
import { lowerTrigger, type LoweredTrigger } from './triggers.js';

export interface LowerResult {
  /** Absent when lowering reported an error. */
  readonly model?: FlowModel;
  readonly diagnostics: readonly Diagnostic[];
}

export function lowerFlow(flow: FlowDecl, path: string): LowerResult {
  const errors = new LoweringErrors(path);
  const declarations = gatherDeclarations(flow);
  const tree = buildStateTree(flow.states);
  if (tree.nodes.length === 0) errors.unresolved(`flow \`${flow.name.text}\` has no states`, flow.name.span);
  const scope: ActionScope = { declarations, context: declarations.contextTypes, states: tree.byName, errors };

  const transitions = lowerTransitions(tree, scope);
  const timers = transitions.flatMap((t) => (t.timer === undefined ? [] : [t.timer]));
  // Grouped by source state once (not filtered per state: that was quadratic in large flows).
  const timersOf = byState(timers, (t) => t.state);
  const transitionsOf = byState(transitions.map((t) => t.model), (t) => t.source);
  const states = tree.nodes.map((node): StateModel => ({
    id: node.id,
    name: node.decl.name.text,
    ...(node.parent === undefined ? {} : { parent: node.parent }),
    kind: node.kind,
    children: node.children,
    ...(node.initial === undefined ? {} : { initial: node.initial }),
    depth: node.depth,
    end: node.end,
    entry: lowerBlocks(node.decl.entry, scope),
    exit: lowerBlocks(node.decl.exit, scope),
    timers: timersOf.get(node.id) ?? [],
    transitions: (transitionsOf.get(node.id) ?? []).map((t) => t.id),
    at: sourceRef(node.decl.span),
  }));

  const model: FlowModel = {
    name: flow.name.text,
    source: path,
    at: sourceRef(flow.span),
    ...(declarations.key === undefined ? {} : { key: declarations.key.input.text }),
    legs: declarations.legs.map((l) => ({ name: l.name.text, inbound: l.inbound, nailed: l.nailed })),
    inputs: lowerInputs(declarations, scope),
    vars: lowerVars(declarations, scope),
    events: declarations.events.map((e) => ({ name: e.name.text, fields: e.fields.map((f) => ({ name: f.name.text, type: f.type.name })) })),
    emits: declarations.emits.map((e) => ({ name: e.name.text, fields: e.fields.map((f) => ({ name: f.name.text, type: f.type.name })) })),
    states,
    transitions: transitions.map((t) => t.model),
    timers,
    initialEntry: initialEntrySet(tree),
    hasParallel: tree.nodes.some((n) => n.kind === 'parallel'),
  };
  return errors.diagnostics.length > 0 ? { diagnostics: errors.diagnostics } : { model, diagnostics: [] };
}

/** Items by state id, each list in the items' order. */
function byState<T>(items: readonly T[], state: (item: T) => StateId): Map<StateId, T[]> {
  const groups = new Map<StateId, T[]>();
  for (const item of items) {
    const group = groups.get(state(item));
    if (group === undefined) groups.set(state(item), [item]);
    else group.push(item);
  }
  return groups;
}

/** Inputs in order; a default may read the inputs declared before it. */
function lowerInputs(declarations: Declarations, scope: ActionScope): InputModel[] {
  const visible = new Map<string, ValueType>();
  return declarations.inputs.map((input) => {
    const lowered: InputModel = {
      name: input.name.text,
      type: input.type.name,
      ...(input.default === undefined ? {} : { default: lowerExpr(input.default, { ...scope, context: new Map(visible) }) }),
    };
    visible.set(input.name.text, input.type.name);
    return lowered;
  });
}

/** Vars in order; an initial value may read every input and the vars declared before it. */
function lowerVars(declarations: Declarations, scope: ActionScope): VarModel[] {
  const visible = new Map<string, ValueType>(declarations.inputs.map((i) => [i.name.text, i.type.name]));
  return declarations.vars.map((v) => {
    const lowered: VarModel = { name: v.name.text, type: v.type.name, initial: lowerExpr(v.initial, { ...scope, context: new Map(visible) }) };
    visible.set(v.name.text, v.type.name);
    return lowered;
  });
}

interface LoweredTransition {
  readonly model: TransitionModel;
  readonly timer?: TimerModel;
}

/** Every transition of every state, numbered in document order of the source text. */
function lowerTransitions(tree: StateTree, scope: ActionScope): LoweredTransition[] {
  const written: { source: StateId; decl: Transition; timerIndex: number }[] = [];
  for (const node of tree.nodes) {
    let timerIndex = 0;
    for (const decl of node.decl.transitions) {
      written.push({ source: node.id, decl, timerIndex: decl.kind === 'After' ? timerIndex++ : -1 });
    }
  }
  written.sort((a, b) => a.decl.span.start.offset - b.decl.span.start.offset);
  const lowered: LoweredTransition[] = [];
  for (const w of written) {
    const t = lowerTransition(lowered.length, w.source, w.decl, w.timerIndex, tree, scope);
    if (t !== undefined) lowered.push(t);
  }
  return lowered;
}

function lowerTransition(
  id: number,
  source: StateId,
  decl: Transition,
  timerIndex: number,
  tree: StateTree,
  scope: ActionScope,
): LoweredTransition | undefined {
  const sourceName = tree.nodes[source]?.decl.name.text ?? '';
  const timer = `${sourceName}#${timerIndex}`;
  const trigger: LoweredTrigger | undefined =
    decl.kind === 'After'
      ? { trigger: { kind: 'timer', type: `$timer:${timer}`, timer } }
      : lowerTrigger(decl.trigger, scope.declarations, tree, scope.errors);
  if (trigger === undefined) return undefined;

  let target: StateId | undefined;
  if (decl.target !== undefined) {
    target = tree.byName.get(decl.target.text);
    if (target === undefined) scope.errors.unresolved(`unknown state \`${decl.target.text}\``, decl.target.span);
  }
  const inner = trigger.fields === undefined ? scope : { ...scope, fields: trigger.fields };
  const domain = target === undefined ? undefined : transitionDomain(tree, source, target);
  const range = target === undefined ? { from: 0, to: -1 } : exitRange(tree, domain);
  const at = sourceRef(decl.span);
  const model: TransitionModel = {
    id,
    source,
    ...(target === undefined ? {} : { target }),
    trigger: trigger.trigger,
    ...(decl.guard === undefined ? {} : { guard: lowerExpr(decl.guard, inner) }),
    actions: decl.actions === undefined ? [] : lowerBlocks([decl.actions], inner),
    ...(domain === undefined ? {} : { domain }),
    exitFrom: range.from,
    exitTo: range.to,
    entry: target === undefined ? [] : entrySet(tree, target, domain),
    at,
  };
  if (decl.kind !== 'After') return { model };
  const delay = lowerExpr(decl.delay, scope);
  return { model, timer: { timer, state: source, delay, transition: id, at } };
}
