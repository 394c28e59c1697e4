/**
 * Module-level constants and the working state of a generated module.
 * The constants are built once at load; the working state is reset by
 * `initial`/`resume` at the start of every call, so a step allocates only
 * what it returns (snapshot, effects, configuration when it changes).
 */
import type { FlowModel } from '../model.js';
import { writeConstant, writeConstantArray } from './declarations.js';
import { exportedNames, quote } from './generatedNames.js';
import type { ModuleFacts } from './moduleFacts.js';
import type { ModuleWriter } from './moduleWriter.js';
import { sourceRefLiteral } from './sourceRefLiteral.js';

/** Entries per selected transition in `sel`: id, source, source's last descendant, exit range from/to. */
export const SELECTION_STRIDE = 5;

export function writeTables(w: ModuleWriter, model: FlowModel, facts: ModuleFacts): void {
  const names = exportedNames(model);
  writeConstant(w, 'IDS', `Readonly<Record<${names.state}, number>>`, `{ ${model.states.map((s) => `${s.name}: ${s.id}`).join(', ')} }`, 'State ids by name, to load a snapshot\'s configuration.');
  writeConstantArray(w, 'TAKEN', 'readonly TakenTransition[]', model.transitions.map((t) => `{ id: ${t.id}, at: ${sourceRefLiteral(t.at)} }`), 'What `taken` reports per transition id (shared: never mutated).');
  writeConstant(w, 'NO_EFFECTS', 'readonly Effect[]', 'Object.freeze([])');
  writeConstant(w, 'NO_TAKEN', 'readonly TakenTransition[]', 'Object.freeze([])');
  if (facts.parallel) {
    writeConstant(w, 'NAMES', `readonly ${names.state}[]`, `[${model.states.map((s) => quote(s.name)).join(', ')}]`, 'State names by id (document order).');
    writeConstant(w, 'STRIDE', 'number', String(SELECTION_STRIDE));
  } else {
    writeConfigurations(w, model);
  }
  if (facts.done) writeConstant(w, 'MAX_INTERNAL', 'number', '1000', 'Bound on done events per macrostep, so a cycle of done transitions cannot hang the caller.');
}

/** Without parallel states the configuration is the chain down to the active leaf: one shared array per leaf. */
function writeConfigurations(w: ModuleWriter, model: FlowModel): void {
  const chain = (id: number): string[] => {
    const names: string[] = [];
    for (let s = model.states[id]; s !== undefined; s = s.parent === undefined ? undefined : model.states[s.parent]) names.unshift(quote(s.name));
    return names;
  };
  const type = `readonly (readonly ${exportedNames(model).state}[])[]`;
  const items = model.states.map((s) => `[${s.children.length === 0 ? chain(s.id).join(', ') : ''}]`);
  writeConstantArray(w, 'CONFIGURATIONS', type, items, 'Configuration by active leaf id (entries for compound states are never used).');
}

/** The `let`s and scratch arrays of the call in progress. */
export function writeWorkingState(w: ModuleWriter, model: FlowModel, facts: ModuleFacts): void {
  const names = exportedNames(model);
  w.blank();
  w.line('// The call in progress. initial() and transition() run to completion synchronously and never call out,');
  w.line('// so one set of variables serves every call and a step allocates only what it returns.');
  w.typed(`let ctx: Mutable<${names.context}>;`, 'let ctx;');
  w.line('let contextOwned = false;');
  w.typed('let legs: Record<string, LegState>;', 'let legs;');
  w.line('let legsOwned = false;');
  w.typed('let status: "active" | "done" = "active";', 'let status = "active";');
  w.line('let changed = false;');
  w.typed('let effects: Effect[] | undefined;', 'let effects;');
  w.typed('let taken: TakenTransition[] | undefined;', 'let taken;');
  w.line(`const act = new Uint8Array(${Math.max(model.states.length, 1)});`);
  w.line('// The configuration `act` (and `leaf`) describe: a step from the snapshot the last step returned skips reloading them.');
  w.typed(`let lastConfiguration: readonly ${names.state}[] | undefined;`, 'let lastConfiguration;');
  if (facts.parallel) {
    const atomic = model.states.filter((s) => s.children.length === 0).length;
    w.line('let nsel = 0;');
    w.line(`const sel = new Int32Array(${Math.max(atomic, 1) * SELECTION_STRIDE});`);
  } else {
    w.line('let leaf = -1;');
    w.line('let chosen = -1;');
  }
  if (facts.done) w.typed('const queue: number[] = [];', 'const queue = [];');
}
