/** The text on a transition: `trigger [guard]`, with timers as `after 32s`. Actions are left out to keep edges readable. */
import type { FlowModel, TransitionModel } from '../model.js';
import { expressionText } from './expression-text.js';
import { stateName } from './state-tree.js';

export function transitionLabel(model: FlowModel, transition: TransitionModel): string {
  const guard = transition.guard === undefined ? '' : ` [${expressionText(model, transition.guard)}]`;
  return `${triggerText(model, transition)}${guard}`;
}

export function triggerText(model: FlowModel, transition: TransitionModel): string {
  const trigger = transition.trigger;
  switch (trigger.kind) {
    case 'leg':
      return `${trigger.leg}.${trigger.event}`;
    case 'event':
      return trigger.event;
    case 'done':
      return `done(${stateName(model, trigger.state)})`;
    case 'timer':
      return timerText(model, transition);
  }
}

function timerText(model: FlowModel, transition: TransitionModel): string {
  const timer = model.timers.find((t) => t.transition === transition.id);
  return timer === undefined ? 'after' : `after ${expressionText(model, timer.delay)}`;
}
