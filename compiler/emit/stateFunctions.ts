/**
 * Per-state entry and exit functions. Entry marks the state active, runs its
 * entry blocks, arms its `after` timers and, for a final state, raises the
 * done events (SCXML enterStates); exit cancels the timers, runs the exit
 * blocks and clears the flag (SCXML exitStates).
 */
import type { FlowModel, StateModel } from '../model.js';
import { emitAction } from './action.js';
import { writeFunction } from './declarations.js';
import { isConstantExpr, startTimerLiteral, staticEffectName } from './effectLiterals.js';
import { emitExpr, WORKING_CONTEXT } from './expression.js';
import { enterFunction, exitFunction } from './generatedNames.js';
import type { ModuleFacts } from './moduleFacts.js';
import type { ModuleWriter } from './moduleWriter.js';

export function writeEnterFunction(w: ModuleWriter, model: FlowModel, facts: ModuleFacts, state: StateModel): void {
  writeFunction(w, { name: enterFunction(state), returns: 'void' }, () => {
    w.line(`act[${state.id}] = 1;`);
    w.line('changed = true;');
    if (!facts.parallel && state.children.length === 0) w.line(`leaf = ${state.id};`);
    for (const action of state.entry) emitAction(action, WORKING_CONTEXT).forEach((line) => w.line(line));
    for (const timer of state.timers) {
      const constant = isConstantExpr(timer.delay);
      const effect = constant ? staticEffectName('startTimer', timer.at) : startTimerLiteral(timer.timer, emitExpr(timer.delay, WORKING_CONTEXT), timer.at);
      w.line(`push(${effect});`);
    }
    if (state.kind === 'final') writeFinalEntry(model, facts, state).forEach((line) => w.line(line));
  });
}

/** A state needs an exit function only when leaving it does more than clearing its flag. */
export function hasExitWork(state: StateModel): boolean {
  return state.exit.length > 0 || state.timers.length > 0;
}

export function writeExitFunction(w: ModuleWriter, state: StateModel): void {
  writeFunction(w, { name: exitFunction(state), returns: 'void' }, () => {
    for (const timer of state.timers) w.line(`push(${staticEffectName('cancelTimer', timer.at)});`);
    for (const action of state.exit) emitAction(action, WORKING_CONTEXT).forEach((line) => w.line(line));
    w.line(`act[${state.id}] = 0;`);
  });
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
