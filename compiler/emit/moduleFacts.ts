/** What a generated module needs, decided once from the model so each writer can leave out what is unused. */
import type { FlowModel } from '../model.js';
import { actionExpressions } from './actionExpressions.js';
import { usesOperator } from './expression.js';

export interface ModuleFacts {
  /** Several transitions may be selected per event (conflict resolution, configuration rebuilt from flags). */
  readonly parallel: boolean;
  /** Some transition listens to `done(State)`: entering final states must queue done events. */
  readonly done: boolean;
  readonly content: boolean;
  readonly set: boolean;
  readonly idiv: boolean;
  readonly imod: boolean;
}

export function moduleFacts(model: FlowModel): ModuleFacts {
  const actions = [
    ...model.states.flatMap((s) => [...s.entry, ...s.exit]),
    ...model.transitions.flatMap((t) => t.actions),
  ];
  const expressions = [
    ...actions.flatMap(actionExpressions),
    ...model.transitions.flatMap((t) => (t.guard === undefined ? [] : [t.guard])),
    ...model.timers.map((t) => t.delay),
    ...model.inputs.flatMap((i) => (i.default === undefined ? [] : [i.default])),
    ...model.vars.map((v) => v.initial),
  ];
  return {
    parallel: model.hasParallel,
    done: model.transitions.some((t) => t.trigger.kind === 'done'),
    content: model.transitions.some((t) => t.actions.length > 0),
    set: actions.some((a) => a.kind === 'set'),
    idiv: expressions.some((e) => usesOperator(e, 'idiv')),
    imod: expressions.some((e) => usesOperator(e, 'mod')),
  };
}
