/** Module-level declarations of the effects known at compile time (see effectLiterals.ts). */
import type { WriterFunction } from 'ts-morph';
import type { FlowModel } from '../model.js';
import { cancelTimerLiteral, effectLiteral, isConstantExpr, isStaticAction, startTimerLiteral, staticEffectName } from './effectLiterals.js';
import { emitExpr, WORKING_CONTEXT } from './expression.js';

export function staticEffectDeclarations(model: FlowModel): WriterFunction {
  const actions = [...model.states.flatMap((s) => [...s.entry, ...s.exit]), ...model.transitions.flatMap((t) => t.actions)];
  const declarations: string[] = [];
  for (const action of actions) {
    if (!isStaticAction(action)) continue;
    declarations.push(`const ${staticEffectName(action.kind, action.at)}: Effect = ${effectLiteral(action, WORKING_CONTEXT)};`);
  }
  for (const timer of model.timers) {
    if (isConstantExpr(timer.delay)) {
      const literal = startTimerLiteral(timer.timer, emitExpr(timer.delay, WORKING_CONTEXT), timer.at);
      declarations.push(`const ${staticEffectName('startTimer', timer.at)}: Effect = ${literal};`);
    }
    declarations.push(`const ${staticEffectName('cancelTimer', timer.at)}: Effect = ${cancelTimerLiteral(timer.timer, timer.at)};`);
  }
  return (w) => {
    if (declarations.length === 0) return;
    w.blankLineIfLastNot();
    w.writeLine('// Effects known at compile time: built once, shared by every step (effects are never mutated).');
    declarations.forEach((d) => w.writeLine(d));
  };
}
