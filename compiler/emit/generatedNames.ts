/**
 * Identifiers of a generated module. Exported types are prefixed with the
 * flow name so several flows can be imported side by side; internals are
 * fixed names, so a flow must not be called like one of them.
 */
import type { FlowModel, StateModel } from '../model.js';

export interface ExportedNames {
  readonly machine: string;
  readonly state: string;
  readonly event: string;
  readonly input: string;
  readonly context: string;
}

export function exportedNames(model: FlowModel): ExportedNames {
  return {
    machine: model.name,
    state: `${model.name}State`,
    event: `${model.name}Event`,
    input: `${model.name}Input`,
    context: `${model.name}Context`,
  };
}

export function enterFunction(state: StateModel): string {
  return `enter_${state.name}`;
}

export function exitFunction(state: StateModel): string {
  return `exit_${state.name}`;
}

/** Module-level names the generated code declares besides the exports and the per-state functions. */
export const INTERNAL_NAMES: ReadonlySet<string> = new Set([
  'Snapshot', 'Result', 'Mutable', 'NAMES', 'IDS', 'CONFIGURATIONS', 'TAKEN', 'NO_EFFECTS', 'NO_TAKEN',
  'STRIDE', 'MAX_INTERNAL', 'ctx', 'contextOwned', 'legs', 'legsOwned', 'lastConfiguration', 'status', 'changed', 'leaf', 'effects', 'taken',
  'nsel', 'chosen', 'act', 'sel', 'queue', 'initial', 'transition', 'resume', 'result', 'configuration', 'push', 'writableLegs',
  'writableContext', 'pick', 'microstep', 'exitsOf', 'content', 'entriesOf', 'exitRange', 'exitState', 'selectDone',
  'settle', 'idiv', 'imod', 'event', 'input',
]);

/** Types the generated module imports from the runtime. */
export const RUNTIME_TYPES: readonly string[] = ['Effect', 'FlowMachine', 'LegState', 'MachineSnapshot', 'StepResult', 'TakenTransition'];

/** An exported name of this flow's module that would clash with an internal or imported one, if any. */
export function reservedNameClash(model: FlowModel): string | undefined {
  const n = exportedNames(model);
  return [n.machine, n.state, n.event, n.input, n.context].find((name) => INTERNAL_NAMES.has(name) || RUNTIME_TYPES.includes(name));
}

/** A JavaScript string literal for any text (double quotes, JSON escapes). */
export function quote(text: string): string {
  return JSON.stringify(text);
}
