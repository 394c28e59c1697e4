/** Module-level declarations of the effects known at compile time (see effectLiterals.ts). */
import type { FlowModel } from '../model.js';
import { cancelTimerLiteral, effectLiteral, isConstantExpr, isStaticAction, startTimerLiteral, staticEffectName } from './effectLiterals.js';
import { emitExpr, WORKING_CONTEXT } from './expression.js';
import type { ModuleWriter } from './moduleWriter.js';

export function writeStaticEffects(w: ModuleWriter, model: FlowModel): void {
  const declarations: [name: string, literal: string][] = [];
  const actions = [...model.states.flatMap((s) => [...s.entry, ...s.exit]), ...model.transitions.flatMap((t) => t.actions)];
  for (const action of actions) {
    if (isStaticAction(action)) declarations.push([staticEffectName(action.kind, action.at), effectLiteral(action, WORKING_CONTEXT)]);
  }
  for (const timer of model.timers) {
    if (isConstantExpr(timer.delay)) declarations.push([staticEffectName('startTimer', timer.at), startTimerLiteral(timer.timer, emitExpr(timer.delay, WORKING_CONTEXT), timer.at)]);
    declarations.push([staticEffectName('cancelTimer', timer.at), cancelTimerLiteral(timer.timer, timer.at)]);
  }
  if (declarations.length === 0) return;
  w.blank();
  w.line('// Effects known at compile time: built once, shared by every step (effects are never mutated).');
  for (const [name, literal] of declarations) w.typed(`const ${name}: Effect = ${literal};`, `const ${name} = ${literal};`);
}
