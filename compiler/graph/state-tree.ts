/**
 * Reading the state tree of a FlowModel for drawing: names, containment and
 * where each transition is drawn. The IR numbers states in document order,
 * so containment is a range test (a state's descendants are `id+1 .. end`).
 */
import type { FlowModel, StateId, StateModel, TransitionModel } from '../model.js';

/** A transition with a target: drawn as an edge (targetless ones are listed inside their state). */
export type TargetedTransition = TransitionModel & { readonly target: StateId };

export function stateName(model: FlowModel, id: StateId): string {
  // ids come from the IR itself, so a miss is a compiler bug; a visible marker beats a crash in a diagram
  return model.states[id]?.name ?? `#${id}`;
}

/** Whether `inner` is a proper descendant of `outer`. */
export function contains(outer: StateModel, inner: StateId): boolean {
  return outer.id < inner && inner <= outer.end;
}

export function topLevelStates(model: FlowModel): readonly StateModel[] {
  return model.states.filter((s) => s.parent === undefined);
}

export function childStates(model: FlowModel, state: StateModel): readonly StateModel[] {
  return state.children.flatMap((id) => model.states[id] ?? []);
}

/** The state entered first at the top level (the root's initial child). */
export function topLevelInitial(model: FlowModel): StateId | undefined {
  return model.initialEntry.find((id) => model.states[id]?.parent === undefined);
}

export function targetedTransitions(model: FlowModel): readonly TargetedTransition[] {
  return model.transitions.filter((t): t is TargetedTransition => t.target !== undefined);
}

/** Targetless transitions of `state` (no exit, no entry): drawn inside the state, not as edges. */
export function internalTransitions(model: FlowModel, state: StateModel): readonly TransitionModel[] {
  return state.transitions.flatMap((id) => model.transitions[id] ?? []).filter((t) => t.target === undefined);
}
