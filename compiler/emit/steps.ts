/**
 * The two entry points of a generated machine, `initial` and `transition`,
 * and the small functions they share to start a call and build its result.
 */
import { StructureKind, type FunctionDeclarationStructure } from 'ts-morph';
import type { FlowModel } from '../model.js';
import { emitExpr, type ExprAccess } from './expression.js';
import { enterFunction, exportedNames, quote } from './generatedNames.js';
import type { ModuleFacts } from './moduleFacts.js';
import { writeEventSwitch } from './selection.js';

type Fn = FunctionDeclarationStructure;

const fn = (name: string, parameters: [string, string][], returnType: string, docs: string | undefined, statements: Fn['statements']): Fn => ({
  kind: StructureKind.Function,
  name,
  parameters: parameters.map(([n, type]) => ({ name: n, type })),
  returnType,
  ...(docs === undefined ? {} : { docs: [docs] }),
  statements,
});

export function stepFunctions(model: FlowModel, facts: ModuleFacts): Fn[] {
  const fns = [initial(model, facts), transition(model, facts), resume(facts), result(model), configuration(model, facts), push()];
  if (model.legs.length > 0) fns.push(writableLegs(model));
  if (facts.set) fns.push(writableContext(model));
  if (facts.idiv) fns.push(fn('idiv', [['a', 'number'], ['b', 'number']], 'number', 'Integer division truncating toward zero; division by zero gives 0 (flows never throw).', 'return b === 0 ? 0 : Math.trunc(a / b);'));
  if (facts.imod) fns.push(fn('imod', [['a', 'number'], ['b', 'number']], 'number', 'Remainder with the sign of the dividend; by zero gives 0 (flows never throw).', 'return b === 0 ? 0 : a % b;'));
  return fns;
}

/** In `initial()` inputs and vars are locals until the context object exists. */
const INITIAL_LOCALS: ExprAccess = { context: (name) => `v_${name}` };

function initial(model: FlowModel, facts: ModuleFacts): Fn {
  const names = exportedNames(model);
  const docs = 'Builds the context from the inputs, enters the initial configuration and runs the done events that raises.';
  return fn('initial', [['input', names.input]], 'Result', docs, (w) => {
    for (const input of model.inputs) {
      const fallback = input.default === undefined ? '' : ` ?? ${emitExpr(input.default, INITIAL_LOCALS)}`;
      w.writeLine(`const v_${input.name} = input.${input.name}${fallback};`);
    }
    for (const v of model.vars) w.writeLine(`const v_${v.name} = ${emitExpr(v.initial, INITIAL_LOCALS)};`);
    w.writeLine(`ctx = { ${[...model.inputs, ...model.vars].map((v) => `${v.name}: v_${v.name}`).join(', ')} };`);
    w.writeLine('contextOwned = true;');
    // An inbound leg has offered its call before the flow starts; outbound legs do not exist yet.
    w.writeLine(`legs = { ${model.legs.map((l) => `${l.name}: ${quote(l.inbound ? 'early' : 'idle')}`).join(', ')} };`);
    w.writeLine('legsOwned = true;');
    w.writeLine('status = "active";');
    w.writeLine('changed = true;');
    w.writeLine('effects = undefined;');
    w.writeLine('taken = undefined;');
    w.writeLine('act.fill(0);');
    w.writeLine(facts.parallel ? 'nsel = 0;' : 'chosen = -1;');
    if (!facts.parallel) w.writeLine('leaf = -1;');
    for (const id of model.initialEntry) {
      const state = model.states[id];
      if (state !== undefined) w.writeLine(`${enterFunction(state)}();`);
    }
    if (facts.done) w.writeLine('settle();');
    w.writeLine('return result(undefined);');
  });
}

function transition(model: FlowModel, facts: ModuleFacts): Fn {
  const names = exportedNames(model);
  const docs = 'Processes one external event to completion (one macrostep). Pure: the snapshot is never mutated.';
  return fn('transition', [['snapshot', 'Snapshot'], ['event', names.event]], 'Result', docs, (w) => {
    w.writeLine('if (snapshot.status === "done") return { snapshot, effects: NO_EFFECTS, taken: NO_TAKEN };');
    w.writeLine('resume(snapshot);');
    if (model.legs.length > 0 || model.events.length > 0 || model.timers.length > 0) writeEventSwitch(w, model, facts);
    w.writeLine(`if (${facts.parallel ? 'nsel > 0' : 'chosen >= 0'}) {`);
    w.indent(() => {
      w.writeLine('microstep(event);');
      if (facts.done) w.writeLine('settle();');
    });
    w.writeLine('}');
    w.writeLine('return result(snapshot);');
  });
}

function resume(facts: ModuleFacts): Fn {
  return fn('resume', [['snapshot', 'Snapshot']], 'void', 'Loads a snapshot into the working state; context and legs are copied only when first written.', (w) => {
    w.writeLine('ctx = snapshot.context;');
    w.writeLine('contextOwned = false;');
    w.writeLine('legs = snapshot.legs;');
    w.writeLine('legsOwned = false;');
    w.writeLine('status = snapshot.status;');
    w.writeLine('changed = false;');
    w.writeLine('effects = undefined;');
    w.writeLine('taken = undefined;');
    w.writeLine(facts.parallel ? 'nsel = 0;' : 'chosen = -1;');
    w.writeLine('if (snapshot.configuration === lastConfiguration) return;');
    w.writeLine('act.fill(0);');
    w.writeLine('for (const name of snapshot.configuration) act[IDS[name]] = 1;');
    if (!facts.parallel) {
      w.writeLine('const last = snapshot.configuration[snapshot.configuration.length - 1];');
      w.writeLine('leaf = last === undefined ? -1 : IDS[last];');
    }
    w.writeLine('lastConfiguration = snapshot.configuration;');
  });
}

function result(model: FlowModel): Fn {
  const docs = 'The step result; an unchanged snapshot is returned as it came.';
  return fn('result', [['previous', 'Snapshot | undefined']], 'Result', docs, (w) => {
    w.writeLine('const same = previous !== undefined && !changed && ctx === previous.context && legs === previous.legs && status === previous.status;');
    w.writeLine('const snapshot: Snapshot = same ? previous : {');
    w.indent(() => {
      w.writeLine(`flow: ${quote(model.name)},`);
      w.writeLine('configuration: changed || previous === undefined ? configuration() : previous.configuration,');
      w.writeLine('context: ctx,');
      w.writeLine('legs,');
      w.writeLine('status,');
    });
    w.writeLine('};');
    w.writeLine('lastConfiguration = snapshot.configuration;');
    w.writeLine('return { snapshot, effects: effects ?? NO_EFFECTS, taken: taken ?? NO_TAKEN };');
  });
}

function configuration(model: FlowModel, facts: ModuleFacts): Fn {
  const state = exportedNames(model).state;
  return fn('configuration', [], `readonly ${state}[]`, 'The active states in document order.', (w) => {
    if (!facts.parallel) {
      w.writeLine('return CONFIGURATIONS[leaf] ?? [];');
      return;
    }
    w.writeLine(`const names: ${state}[] = [];`);
    w.writeLine('for (let s = 0; s < act.length; s++) {');
    w.indent(() => {
      w.writeLine('const name = act[s] === 1 ? NAMES[s] : undefined;');
      w.writeLine('if (name !== undefined) names.push(name);');
    });
    w.writeLine('}');
    w.writeLine('return names;');
  });
}

function push(): Fn {
  return fn('push', [['effect', 'Effect']], 'void', undefined, '(effects ??= []).push(effect);');
}

/** The leg table to write: copied on the first write of a step, as a literal so every table has one shape. */
function writableLegs(model: FlowModel): Fn {
  return fn('writableLegs', [], 'Record<string, LegState>', undefined, (w) => {
    w.writeLine('if (!legsOwned) {');
    w.indent(() => {
      const fields = model.legs.map((l) => `${l.name}: legs.${l.name} ?? ${quote(l.inbound ? 'early' : 'idle')}`);
      w.writeLine(`legs = { ${fields.join(', ')} };`);
      w.writeLine('legsOwned = true;');
    });
    w.writeLine('}');
    w.writeLine('return legs;');
  });
}

function writableContext(model: FlowModel): Fn {
  const docs = "The context to write: copied on the first write of a step so the caller's snapshot never changes.";
  return fn('writableContext', [], `Mutable<${exportedNames(model).context}>`, docs, (w) => {
    w.writeLine('if (!contextOwned) {');
    w.indent(() => w.writeLine('ctx = { ...ctx };').writeLine('contextOwned = true;'));
    w.writeLine('}');
    w.writeLine('return ctx;');
  });
}
