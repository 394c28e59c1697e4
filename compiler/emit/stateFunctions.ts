/**
 * Per-state entry and exit functions. Entry marks the state active, runs its
 * entry blocks, arms its `after` timers and, for a final state, raises the
 * done events (SCXML enterStates); exit cancels the timers, runs the exit
 * blocks and clears the flag (SCXML exitStates).
 */
import { StructureKind, type FunctionDeclarationStructure } from 'ts-morph';
import type { FlowModel, StateModel } from '../model.js';
import { emitAction } from './action.js';
import { isConstantExpr, startTimerLiteral, staticEffectName } from './effectLiterals.js';
import { emitExpr, WORKING_CONTEXT } from './expression.js';
import { enterFunction, exitFunction } from './generatedNames.js';
import type { ModuleFacts } from './moduleFacts.js';

export function enterFunctionDeclaration(model: FlowModel, facts: ModuleFacts, state: StateModel): FunctionDeclarationStructure {
  return {
    kind: StructureKind.Function,
    name: enterFunction(state),
    returnType: 'void',
    statements: (writer) => {
      writer.writeLine(`act[${state.id}] = 1;`);
      writer.writeLine('changed = true;');
      if (!facts.parallel && state.children.length === 0) writer.writeLine(`leaf = ${state.id};`);
      for (const action of state.entry) emitAction(action, WORKING_CONTEXT).forEach((line) => writer.writeLine(line));
      for (const timer of state.timers) {
        const constant = isConstantExpr(timer.delay);
        const effect = constant ? staticEffectName('startTimer', timer.at) : startTimerLiteral(timer.timer, emitExpr(timer.delay, WORKING_CONTEXT), timer.at);
        writer.writeLine(`push(${effect});`);
      }
      if (state.kind === 'final') writeFinalEntry(model, facts, state).forEach((line) => writer.writeLine(line));
    },
  };
}

/** A state needs an exit function only when leaving it does more than clearing its flag. */
export function hasExitWork(state: StateModel): boolean {
  return state.exit.length > 0 || state.timers.length > 0;
}

export function exitFunctionDeclaration(state: StateModel): FunctionDeclarationStructure {
  return {
    kind: StructureKind.Function,
    name: exitFunction(state),
    returnType: 'void',
    statements: (writer) => {
      for (const timer of state.timers) writer.writeLine(`push(${staticEffectName('cancelTimer', timer.at)});`);
      for (const action of state.exit) emitAction(action, WORKING_CONTEXT).forEach((line) => writer.writeLine(line));
      writer.writeLine(`act[${state.id}] = 0;`);
    },
  };
}

/** SCXML: a top-level final ends the flow; otherwise done(parent), and done(grandparent) once a parallel grandparent is all final. */
function writeFinalEntry(model: FlowModel, facts: ModuleFacts, state: StateModel): string[] {
  if (state.parent === undefined) return ['status = "done";'];
  if (!facts.done) return [];
  const lines = [`queue.push(${state.parent}); // done(${model.states[state.parent]?.name ?? ''})`];
  const grandparent = model.states[model.states[state.parent]?.parent ?? -1];
  const allFinal = grandparent?.kind === 'parallel' ? inFinalState(model, grandparent) : 'false';
  if (grandparent !== undefined && allFinal !== 'false') {
    lines.push(`if (${allFinal}) queue.push(${grandparent.id}); // done(${grandparent.name})`);
  }
  return lines;
}

/** SCXML isInFinalState, unrolled over the static tree into a flag test. */
export function inFinalState(model: FlowModel, state: StateModel): string {
  const children = state.children.flatMap((id) => model.states[id] ?? []);
  if (state.kind === 'compound') {
    const finals = children.filter((c) => c.kind === 'final').map((c) => `act[${c.id}] === 1`);
    return finals.length === 0 ? 'false' : finals.length === 1 ? (finals[0] ?? 'false') : `(${finals.join(' || ')})`;
  }
  if (state.kind === 'parallel') {
    const regions = children.map((c) => inFinalState(model, c));
    return regions.includes('false') || regions.length === 0 ? 'false' : regions.join(' && ');
  }
  return 'false';
}
