/**
 * Module-level constants and the working state of a generated module.
 * The constants are built once at load; the working state is reset by
 * `initial`/`resume` at the start of every call, so a step allocates only
 * what it returns (snapshot, effects, configuration when it changes).
 */
import type { CodeBlockWriter, WriterFunction } from 'ts-morph';
import type { FlowModel } from '../model.js';
import { sourceRefLiteral } from './sourceRefLiteral.js';
import { exportedNames, quote } from './generatedNames.js';
import type { ModuleFacts } from './moduleFacts.js';

/** Entries per selected transition in `sel`: id, source, source's last descendant, exit range from/to. */
export const SELECTION_STRIDE = 5;

/** `const name: type = initializer;` written whole: the printer would hang-indent a multi-line initializer. */
function constant(name: string, type: string, initializer: string | WriterFunction, docs?: string): WriterFunction {
  return (w) => {
    w.blankLineIfLastNot();
    if (docs !== undefined) w.writeLine(`/** ${docs} */`);
    w.write(`const ${name}: ${type} = `);
    if (typeof initializer === 'string') w.write(initializer);
    else initializer(w);
    w.write(';').newLine();
  };
}

export function tableStatements(model: FlowModel, facts: ModuleFacts): WriterFunction[] {
  const names = exportedNames(model);
  const statements = [
    constant('IDS', `Readonly<Record<${names.state}, number>>`, `{ ${model.states.map((s) => `${s.name}: ${s.id}`).join(', ')} }`, 'State ids by name, to load a snapshot\'s configuration.'),
    constant('TAKEN', 'readonly TakenTransition[]', (w) => writeArray(w, model.transitions.map((t) => `{ id: ${t.id}, at: ${sourceRefLiteral(t.at)} }`)), 'What `taken` reports per transition id (shared: never mutated).'),
    constant('NO_EFFECTS', 'readonly Effect[]', 'Object.freeze([])'),
    constant('NO_TAKEN', 'readonly TakenTransition[]', 'Object.freeze([])'),
  ];
  if (!facts.parallel) statements.push(configurations(model));
  if (facts.parallel) {
    statements.push(constant('NAMES', `readonly ${names.state}[]`, `[${model.states.map((s) => quote(s.name)).join(', ')}]`, 'State names by id (document order).'));
    statements.push(constant('STRIDE', 'number', String(SELECTION_STRIDE)));
  }
  if (facts.done) statements.push(constant('MAX_INTERNAL', 'number', '1000', 'Bound on done events per macrostep, so a cycle of done transitions cannot hang the caller.'));
  return statements;
}

/** Without parallel states the configuration is the chain down to the active leaf: one shared array per leaf. */
function configurations(model: FlowModel): WriterFunction {
  const chain = (id: number): string[] => {
    const names: string[] = [];
    for (let s = model.states[id]; s !== undefined; s = s.parent === undefined ? undefined : model.states[s.parent]) names.unshift(quote(s.name));
    return names;
  };
  const type = `readonly (readonly ${exportedNames(model).state}[])[]`;
  return constant('CONFIGURATIONS', type, (w) => {
    writeArray(w, model.states.map((s) => `[${s.children.length === 0 ? chain(s.id).join(', ') : ''}]`));
  }, 'Configuration by active leaf id (entries for compound states are never used).');
}

/** `[` items one per line `]`, indented like the rest of the module. */
function writeArray(w: CodeBlockWriter, items: readonly string[]): void {
  if (items.length === 0) {
    w.write('[]');
    return;
  }
  w.write('[').newLine();
  w.indent(() => items.forEach((item) => w.writeLine(`${item},`)));
  w.write(']');
}

/** The `let`s and scratch arrays of the call in progress. */
export function workingState(model: FlowModel, facts: ModuleFacts): WriterFunction {
  const names = exportedNames(model);
  return (w) => {
    w.writeLine('// The call in progress. initial() and transition() run to completion synchronously and never call out,');
    w.writeLine('// so one set of variables serves every call and a step allocates only what it returns.');
    w.writeLine(`let ctx: Mutable<${names.context}>;`);
    w.writeLine('let contextOwned = false;');
    w.writeLine('let legs: Record<string, LegState>;');
    w.writeLine('let legsOwned = false;');
    w.writeLine('let status: "active" | "done" = "active";');
    w.writeLine('let changed = false;');
    w.writeLine('let effects: Effect[] | undefined;');
    w.writeLine('let taken: TakenTransition[] | undefined;');
    w.writeLine(`const act = new Uint8Array(${Math.max(model.states.length, 1)});`);
    w.writeLine('// The configuration `act` (and `leaf`) describe: a step from the snapshot the last step returned skips reloading them.');
    w.writeLine(`let lastConfiguration: readonly ${names.state}[] | undefined;`);
    if (facts.parallel) {
      const atomic = model.states.filter((s) => s.children.length === 0).length;
      w.writeLine('let nsel = 0;');
      w.writeLine(`const sel = new Int32Array(${Math.max(atomic, 1) * SELECTION_STRIDE});`);
    } else {
      w.writeLine('let leaf = -1;');
      w.writeLine('let chosen = -1;');
    }
    if (facts.done) w.writeLine('const queue: number[] = [];');
  };
}
