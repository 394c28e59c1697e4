/**
 * The two entry points of a generated machine, `initial` and `transition`,
 * and the small functions they share to start a call and build its result.
 */
import type { FlowModel } from '../model.js';
import { writeFunction } from './declarations.js';
import { emitExpr, type ExprAccess } from './expression.js';
import { enterFunction, exportedNames, quote } from './generatedNames.js';
import type { ModuleFacts } from './moduleFacts.js';
import type { ModuleWriter } from './moduleWriter.js';
import { writeEventSwitch } from './selection.js';

const NUMBERS = [['a', 'number'], ['b', 'number']] as const;

export function writeStepFunctions(w: ModuleWriter, model: FlowModel, facts: ModuleFacts): void {
  initial(w, model, facts);
  transition(w, model, facts);
  resume(w, facts);
  result(w, model);
  configuration(w, model, facts);
  writeFunction(w, { name: 'push', parameters: [['effect', 'Effect']], returns: 'void' }, () => w.line('(effects ??= []).push(effect);'));
  if (model.legs.length > 0) writableLegs(w, model);
  if (facts.set) writableContext(w, model);
  if (facts.idiv) {
    const docs = 'Integer division truncating toward zero; division by zero gives 0 (flows never throw).';
    writeFunction(w, { name: 'idiv', parameters: NUMBERS, returns: 'number', docs }, () => w.line('return b === 0 ? 0 : Math.trunc(a / b);'));
  }
  if (facts.imod) {
    const docs = 'Remainder with the sign of the dividend; by zero gives 0 (flows never throw).';
    writeFunction(w, { name: 'imod', parameters: NUMBERS, returns: 'number', docs }, () => w.line('return b === 0 ? 0 : a % b;'));
  }
}

/** In `initial()` inputs and vars are locals until the context object exists. */
const INITIAL_LOCALS: ExprAccess = { context: (name) => `v_${name}` };

function initial(w: ModuleWriter, model: FlowModel, facts: ModuleFacts): void {
  const names = exportedNames(model);
  const docs = 'Builds the context from the inputs, enters the initial configuration and runs the done events that raises.';
  writeFunction(w, { name: 'initial', parameters: [['input', names.input]], returns: 'Result', docs }, () => {
    for (const input of model.inputs) {
      const fallback = input.default === undefined ? '' : ` ?? ${emitExpr(input.default, INITIAL_LOCALS)}`;
      w.line(`const v_${input.name} = input.${input.name}${fallback};`);
    }
    for (const v of model.vars) w.line(`const v_${v.name} = ${emitExpr(v.initial, INITIAL_LOCALS)};`);
    w.line(`ctx = { ${[...model.inputs, ...model.vars].map((v) => `${v.name}: v_${v.name}`).join(', ')} };`);
    w.line('contextOwned = true;');
    // An inbound leg has offered its call before the flow starts; outbound legs do not exist yet.
    w.line(`legs = { ${model.legs.map((l) => `${l.name}: ${quote(l.inbound ? 'early' : 'idle')}`).join(', ')} };`);
    w.line('legsOwned = true;');
    w.line('status = "active";');
    w.line('changed = true;');
    w.line('effects = undefined;');
    w.line('taken = undefined;');
    w.line('act.fill(0);');
    w.line(facts.parallel ? 'nsel = 0;' : 'chosen = -1;');
    if (!facts.parallel) w.line('leaf = -1;');
    for (const id of model.initialEntry) {
      const state = model.states[id];
      if (state !== undefined) w.line(`${enterFunction(state)}();`);
    }
    if (facts.done) w.line('settle();');
    w.line('return result(undefined);');
  });
}

function transition(w: ModuleWriter, model: FlowModel, facts: ModuleFacts): void {
  const names = exportedNames(model);
  const docs = 'Processes one external event to completion (one macrostep). Pure: the snapshot is never mutated.';
  writeFunction(w, { name: 'transition', parameters: [['snapshot', 'Snapshot'], ['event', names.event]], returns: 'Result', docs }, () => {
    w.line('if (snapshot.status === "done") return { snapshot, effects: NO_EFFECTS, taken: NO_TAKEN };');
    w.line('resume(snapshot);');
    if (model.legs.length > 0 || model.events.length > 0 || model.timers.length > 0) writeEventSwitch(w, model, facts);
    w.line(`if (${facts.parallel ? 'nsel > 0' : 'chosen >= 0'}) {`);
    w.indent(() => {
      w.line('microstep(event);');
      if (facts.done) w.line('settle();');
    });
    w.line('}');
    w.line('return result(snapshot);');
  });
}

function resume(w: ModuleWriter, facts: ModuleFacts): void {
  const docs = 'Loads a snapshot into the working state; context and legs are copied only when first written.';
  writeFunction(w, { name: 'resume', parameters: [['snapshot', 'Snapshot']], returns: 'void', docs }, () => {
    w.line('ctx = snapshot.context;');
    w.line('contextOwned = false;');
    w.line('legs = snapshot.legs;');
    w.line('legsOwned = false;');
    w.line('status = snapshot.status;');
    w.line('changed = false;');
    w.line('effects = undefined;');
    w.line('taken = undefined;');
    w.line(facts.parallel ? 'nsel = 0;' : 'chosen = -1;');
    w.line('if (snapshot.configuration === lastConfiguration) return;');
    w.line('act.fill(0);');
    w.line('for (const name of snapshot.configuration) act[IDS[name]] = 1;');
    if (!facts.parallel) {
      w.line('const last = snapshot.configuration[snapshot.configuration.length - 1];');
      w.line('leaf = last === undefined ? -1 : IDS[last];');
    }
    w.line('lastConfiguration = snapshot.configuration;');
  });
}

function result(w: ModuleWriter, model: FlowModel): void {
  const docs = 'The step result; an unchanged snapshot is returned as it came.';
  writeFunction(w, { name: 'result', parameters: [['previous', 'Snapshot | undefined']], returns: 'Result', docs }, () => {
    w.line('const same = previous !== undefined && !changed && ctx === previous.context && legs === previous.legs && status === previous.status;');
    w.typed('const snapshot: Snapshot = same ? previous : {', 'const snapshot = same ? previous : {');
    w.indent(() => {
      w.line(`flow: ${quote(model.name)},`);
      w.line('configuration: changed || previous === undefined ? configuration() : previous.configuration,');
      w.line('context: ctx,');
      w.line('legs,');
      w.line('status,');
    });
    w.line('};');
    w.line('lastConfiguration = snapshot.configuration;');
    w.line('return { snapshot, effects: effects ?? NO_EFFECTS, taken: taken ?? NO_TAKEN };');
  });
}

function configuration(w: ModuleWriter, model: FlowModel, facts: ModuleFacts): void {
  const state = exportedNames(model).state;
  writeFunction(w, { name: 'configuration', returns: `readonly ${state}[]`, docs: 'The active states in document order.' }, () => {
    if (!facts.parallel) {
      w.line('return CONFIGURATIONS[leaf] ?? [];');
      return;
    }
    w.typed(`const names: ${state}[] = [];`, 'const names = [];');
    w.line('for (let s = 0; s < act.length; s++) {');
    w.indent(() => {
      w.line('const name = act[s] === 1 ? NAMES[s] : undefined;');
      w.line('if (name !== undefined) names.push(name);');
    });
    w.line('}');
    w.line('return names;');
  });
}

/** The leg table to write: copied on the first write of a step, as a literal so every table has one shape. */
function writableLegs(w: ModuleWriter, model: FlowModel): void {
  writeFunction(w, { name: 'writableLegs', returns: 'Record<string, LegState>' }, () => {
    w.line('if (!legsOwned) {');
    w.indent(() => {
      const fields = model.legs.map((l) => `${l.name}: legs.${l.name} ?? ${quote(l.inbound ? 'early' : 'idle')}`);
      w.line(`legs = { ${fields.join(', ')} };`);
      w.line('legsOwned = true;');
    });
    w.line('}');
    w.line('return legs;');
  });
}

function writableContext(w: ModuleWriter, model: FlowModel): void {
  const docs = "The context to write: copied on the first write of a step so the caller's snapshot never changes.";
  writeFunction(w, { name: 'writableContext', returns: `Mutable<${exportedNames(model).context}>`, docs }, () => {
    w.line('if (!contextOwned) {');
    w.indent(() => {
      w.line('ctx = { ...ctx };');
      w.line('contextOwned = true;');
    });
    w.line('}');
    w.line('return ctx;');
  });
}
