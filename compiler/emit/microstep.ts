/**
 * SCXML microstep as generated code: exit the active states under each
 * selected transition's domain (reverse document order), run the transition
 * actions in selection order, enter the static entry sets (document order).
 * Then `settle` runs the done events raised on the way to completion.
 */
import type { FlowModel } from '../model.js';
import { emitAction } from './action.js';
import { actionExpressions } from './actionExpressions.js';
import { writeFunction } from './declarations.js';
import { readsEvent, WORKING_CONTEXT } from './expression.js';
import { enterFunction, exitFunction, exportedNames, quote } from './generatedNames.js';
import type { ModuleFacts } from './moduleFacts.js';
import type { ModuleWriter } from './moduleWriter.js';
import { writeDoneSelection } from './selection.js';
import { hasExitWork } from './stateFunctions.js';

/** A `void` function of the microstep machinery. */
function fn(w: ModuleWriter, name: string, parameters: readonly (readonly [string, string])[], docs: string | undefined, body: () => void): void {
  writeFunction(w, { name, parameters, returns: 'void', ...(docs === undefined ? {} : { docs }) }, body);
}

export function writeMicrostepFunctions(w: ModuleWriter, model: FlowModel, facts: ModuleFacts): void {
  if (facts.parallel) parallelMicrostep(w, model, facts);
  else singleMicrostep(w, model, facts);
  exitsOf(w, model);
  entriesOf(w, model);
  exitRange(w, facts);
  exitState(w, model);
  if (facts.parallel) pick(w);
  if (facts.content) content(w, model);
  if (facts.done) {
    selectDone(w, model, facts);
    settle(w, facts);
  }
}

function eventParameter(model: FlowModel): [string, string] {
  return ['event', `${exportedNames(model).event} | undefined`];
}

function singleMicrostep(w: ModuleWriter, model: FlowModel, facts: ModuleFacts): void {
  fn(w, 'microstep', [eventParameter(model)], 'One microstep for the transition in `chosen`.', () => {
    w.line('const t = chosen;');
    w.line('chosen = -1;');
    w.line('exitsOf(t);');
    w.line('const info = TAKEN[t];');
    w.line('if (info !== undefined) (taken ??= []).push(info);');
    if (facts.content) w.line('content(t, event);');
    w.line('entriesOf(t);');
  });
}

function parallelMicrostep(w: ModuleWriter, model: FlowModel, facts: ModuleFacts): void {
  const docs = 'One microstep for the selected transitions: their domains are disjoint and in document order, so exiting them in reverse selection order exits in reverse document order.';
  fn(w, 'microstep', [eventParameter(model)], docs, () => {
    w.line('for (let i = nsel - 1; i >= 0; i--) exitsOf(sel[i * STRIDE] ?? -1);');
    w.line('for (let i = 0; i < nsel; i++) {');
    w.indent(() => {
      w.line('const t = sel[i * STRIDE] ?? -1;');
      w.line('const info = TAKEN[t];');
      w.line('if (info !== undefined) (taken ??= []).push(info);');
      if (facts.content) w.line('content(t, event);');
    });
    w.line('}');
    w.line('for (let i = 0; i < nsel; i++) entriesOf(sel[i * STRIDE] ?? -1);');
    w.line('nsel = 0;');
  });
}

/** Cases grouped by identical bodies: `case 1: case 4: body`. */
function writeGroupedSwitch(w: ModuleWriter, subject: string, entries: readonly { label: number; body: string[]; comment: string }[]): void {
  const groups = new Map<string, { labels: { label: number; comment: string }[]; body: string[] }>();
  for (const e of entries) {
    const key = e.body.join('\n');
    const g = groups.get(key);
    if (g === undefined) groups.set(key, { labels: [{ label: e.label, comment: e.comment }], body: e.body });
    else g.labels.push({ label: e.label, comment: e.comment });
  }
  if (groups.size === 0) return;
  w.line(`switch (${subject}) {`);
  w.indent(() => {
    for (const g of groups.values()) {
      for (const l of g.labels) w.line(`case ${l.label}:${l.comment === '' ? '' : ` // ${l.comment}`}`);
      w.indent(() => [...g.body, 'break;'].forEach((line) => w.line(line)));
    }
  });
  w.line('}');
}

function exitsOf(w: ModuleWriter, model: FlowModel): void {
  const entries = model.transitions
    .filter((t) => t.target !== undefined)
    .map((t) => ({ label: t.id, body: [`exitRange(${t.exitFrom}, ${t.exitTo});`], comment: '' }));
  fn(w, 'exitsOf', [['t', 'number']], 'Exits what transition `t` leaves: the active states under its domain. Targetless transitions exit nothing.', () => writeGroupedSwitch(w, 't', entries));
}

function entriesOf(w: ModuleWriter, model: FlowModel): void {
  const entries = model.transitions
    .filter((t) => t.target !== undefined)
    .map((t) => ({
      label: t.id,
      body: t.entry.flatMap((s) => {
        const state = model.states[s];
        return state === undefined ? [] : [`${enterFunction(state)}();`];
      }),
      comment: '',
    }));
  fn(w, 'entriesOf', [['t', 'number']], "Enters transition `t`'s static entry set, in document order.", () => writeGroupedSwitch(w, 't', entries));
}

function exitRange(w: ModuleWriter, facts: ModuleFacts): void {
  fn(w, 'exitRange', [['from', 'number'], ['to', 'number']], 'Exits the active states among ids `from..to`, descendants first (reverse document order).', () => {
    // Without parallel states nothing after the leaf is active.
    const start = facts.parallel ? 'to' : 'leaf < to ? leaf : to';
    w.line(`for (let s = ${start}; s >= from; s--) if (act[s] === 1) exitState(s);`);
  });
}

function exitState(w: ModuleWriter, model: FlowModel): void {
  const withWork = model.states.filter(hasExitWork);
  fn(w, 'exitState', [['s', 'number']], undefined, () => {
    if (withWork.length === 0) {
      w.line('act[s] = 0;');
      return;
    }
    w.line('switch (s) {');
    w.indent(() => {
      for (const state of withWork) {
        w.line(`case ${state.id}:`);
        w.indent(() => {
          w.line(`${exitFunction(state)}();`);
          w.line('break;');
        });
      }
      w.line('default:');
      w.indent(() => w.line('act[s] = 0;'));
    });
    w.line('}');
  });
}

function content(w: ModuleWriter, model: FlowModel): void {
  fn(w, 'content', [['t', 'number'], eventParameter(model)], 'Runs the actions of transition `t`.', () => {
    w.line('switch (t) {');
    w.indent(() => {
      for (const t of model.transitions) {
        if (t.actions.length === 0) continue;
        w.line(`case ${t.id}: {`);
        w.indent(() => {
          // Only the selected event reaches here; the test narrows `event` to the payload the actions read.
          if (t.actions.some((a) => actionExpressions(a).some(readsEvent))) {
            w.line(`if (event === undefined || event.type !== ${quote(t.trigger.type)}) break;`);
          }
          for (const action of t.actions) emitAction(action, WORKING_CONTEXT).forEach((line) => w.line(line));
          w.line('break;');
        });
        w.line('}');
      }
    });
    w.line('}');
  });
}

function pick(w: ModuleWriter): void {
  const docs =
    'Adds transition `t` to the selection unless an earlier one preempts it (SCXML removeConflictingTransitions): exit sets intersect iff the exit ranges overlap; the later transition wins only when its source descends from the earlier one\'s.';
  const params: [string, string][] = [['t', 'number'], ['source', 'number'], ['sourceEnd', 'number'], ['from', 'number'], ['to', 'number']];
  fn(w, 'pick', params, docs, () => {
    w.line('for (let i = 0; i < nsel; i++) if (sel[i * STRIDE] === t) return;');
    w.line('if (from <= to) {');
    w.indent(() => {
      w.line('for (let i = 0; i < nsel; i++) {');
      w.indent(() => {
        w.line('const b = i * STRIDE;');
        w.line('const f = sel[b + 3] ?? 0;');
        w.line('const l = sel[b + 4] ?? -1;');
        w.line('const s = sel[b + 1] ?? 0;');
        w.line('if (f <= l && from <= l && f <= to && !(source > s && source <= (sel[b + 2] ?? 0))) return;');
      });
      w.line('}');
      w.line('let kept = 0;');
      w.line('for (let i = 0; i < nsel; i++) {');
      w.indent(() => {
        w.line('const b = i * STRIDE;');
        w.line('const f = sel[b + 3] ?? 0;');
        w.line('const l = sel[b + 4] ?? -1;');
        w.line('if (f <= l && from <= l && f <= to) continue;');
        w.line('if (kept !== i) sel.copyWithin(kept * STRIDE, b, b + STRIDE);');
        w.line('kept++;');
      });
      w.line('}');
      w.line('nsel = kept;');
    });
    w.line('}');
    w.line('const b = nsel * STRIDE;');
    w.line('sel[b] = t;');
    w.line('sel[b + 1] = source;');
    w.line('sel[b + 2] = sourceEnd;');
    w.line('sel[b + 3] = from;');
    w.line('sel[b + 4] = to;');
    w.line('nsel++;');
  });
}

function selectDone(w: ModuleWriter, model: FlowModel, facts: ModuleFacts): void {
  fn(w, 'selectDone', [['state', 'number']], 'Selects the transitions listening to done(`state`).', () => writeDoneSelection(w, model, facts));
}

function settle(w: ModuleWriter, facts: ModuleFacts): void {
  const selected = facts.parallel ? 'nsel > 0' : 'chosen >= 0';
  const docs = 'Runs the done events raised so far, in order, to completion (the rest of the macrostep); a cycle of done events stops after MAX_INTERNAL.';
  fn(w, 'settle', [], docs, () => {
    w.line('for (let i = 0; i < queue.length && i < MAX_INTERNAL && status === "active"; i++) {');
    w.indent(() => {
      w.line('selectDone(queue[i] ?? -1);');
      w.line(`if (${selected}) microstep(undefined);`);
    });
    w.line('}');
    w.line('queue.length = 0;');
  });
}
