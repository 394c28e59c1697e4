/**
 * What the rules share for one file: the symbols, and per flow, computed on
 * first use and then kept, the state graph, reachability, the leg-phase
 * analysis, the trigger index and the type of every expression. Rules ask;
 * nothing here reports.
 */
import type { Action, Expr, FlowFile } from '../grammar/ast.js';
import { typeExpression } from './expression-types.js';
import type { ExprEnv, ExprProblem, ExprType } from './expression-types.js';
import { analyzeLegPhases } from './leg-phases.js';
import type { LegPhases } from './leg-phases.js';
import { indexListeners } from './listeners.js';
import type { Listeners } from './listeners.js';
import { buildStateGraph, reachableStates } from './state-graph.js';
import type { StateGraph } from './state-graph.js';
import { bindFile } from './symbols.js';
import type { ExprScope, FileSymbols, FlowSymbols } from './symbols.js';

export interface FlowContext {
  readonly symbols: FlowSymbols;
  readonly graph: StateGraph;
  /** Indexed by `StateNode.pre`. */
  readonly reachable: readonly boolean[];
  readonly legPhases: LegPhases;
  readonly listeners: Listeners;
  /** Problems found while typing every expression of the flow, each once. */
  readonly expressionProblems: readonly ExprProblem[];
  /** The type of an expression the flow holds at the top of an operand, guard, delay or initial value. */
  typeOf(expr: Expr): ExprType;
}

export interface CheckContext {
  readonly file: FlowFile;
  readonly symbols: FileSymbols;
  readonly flows: readonly FlowContext[];
}

export function createCheckContext(file: FlowFile): CheckContext {
  const symbols = bindFile(file);
  return { file, symbols, flows: symbols.flows.map(flowContext) };
}

function flowContext(symbols: FlowSymbols): FlowContext {
  let graph: StateGraph | undefined;
  let reachable: readonly boolean[] | undefined;
  let legPhases: LegPhases | undefined;
  let listeners: Listeners | undefined;
  let typing: { types: Map<Expr, ExprType>; problems: ExprProblem[] } | undefined;
  const typed = (): { types: Map<Expr, ExprType>; problems: ExprProblem[] } => (typing ??= typeFlow(symbols));
  const getGraph = (): StateGraph => (graph ??= buildStateGraph(symbols));
  return {
    symbols,
    get graph() {
      return getGraph();
    },
    get reachable() {
      return (reachable ??= reachableStates(getGraph()));
    },
    get legPhases() {
      return (legPhases ??= analyzeLegPhases(getGraph()));
    },
    get listeners() {
      return (listeners ??= indexListeners(symbols));
    },
    get expressionProblems() {
      return typed().problems;
    },
    typeOf: (expr) => typed().types.get(expr) ?? 'unknown',
  };
}

const PLAIN: ExprScope = { fields: new Map(), open: false, inEvent: false, leg: undefined };

function typeFlow(flow: FlowSymbols): { types: Map<Expr, ExprType>; problems: ExprProblem[] } {
  const types = new Map<Expr, ExprType>();
  const problems: ExprProblem[] = [];
  // One environment per scope (sites share scopes), not one per expression.
  const envs = new Map<ExprScope, ExprEnv>();
  const visit = (expr: Expr | undefined, scope: ExprScope): void => {
    if (expr === undefined) return;
    let env = envs.get(scope);
    if (env === undefined) envs.set(scope, (env = { flow, scope }));
    types.set(expr, typeExpression(expr, env, problems));
  };
  for (const d of flow.decl.declarations) {
    if (d.kind === 'Var') visit(d.initial, PLAIN);
    if (d.kind === 'Input') visit(d.default, PLAIN);
  }
  for (const site of flow.transitions) {
    const t = site.transition;
    if (t.kind === 'After') visit(t.delay, site.scope);
    visit(t.guard, site.scope);
  }
  for (const site of flow.actions) for (const expr of actionOperands(site.action)) visit(expr, site.scope);
  return { types, problems };
}

/** The expressions an action holds, in source order. */
export function actionOperands(action: Action): readonly Expr[] {
  switch (action.kind) {
    case 'Dial':
      return [action.to, action.from, ...action.headers.map((h) => h.value), action.timeout].filter(isExpr);
    case 'Reject':
    case 'Notify':
      return [action.status];
    case 'Hold':
      return action.music === undefined ? [] : [action.music];
    case 'Refer':
      return [action.to];
    case 'Play':
      return [action.prompt];
    case 'Collect':
      return [action.max, action.terminator, action.timeout].filter(isExpr);
    case 'Emit':
      return action.args.map((a) => a.value);
    case 'Set':
      return [action.value];
    case 'Send':
      return [...action.args.map((a) => a.value), action.key];
    case 'Answer':
    case 'Hangup':
    case 'Cancel':
    case 'Unhold':
    case 'Bridge':
    case 'Unbridge':
    case 'Conference':
    case 'ReferReplacing':
    case 'Takeover':
      return [];
  }
}

function isExpr(e: Expr | undefined): e is Expr {
  return e !== undefined;
}
