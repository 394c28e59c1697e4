/**
 * Transitions by the event type they listen to, then by source state, built
 * once per module so that writing each event's selection visits only the
 * states that can select it (not every state per event type).
 */
import type { FlowModel, StateId, TransitionModel } from '../model.js';

/** `trigger.type` (unique per leg event, application event, timer and done state) to source state to transitions, in document order. */
export type TriggerIndex = ReadonlyMap<string, ReadonlyMap<StateId, readonly TransitionModel[]>>;

export function triggerIndex(model: FlowModel): TriggerIndex {
  const index = new Map<string, Map<StateId, TransitionModel[]>>();
  for (const t of model.transitions) {
    let bySource = index.get(t.trigger.type);
    if (bySource === undefined) index.set(t.trigger.type, (bySource = new Map()));
    const list = bySource.get(t.source);
    if (list === undefined) bySource.set(t.source, [t]);
    else list.push(t);
  }
  return index;
}
