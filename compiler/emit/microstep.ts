/**
 * SCXML microstep as generated code: exit the active states under each
 * selected transition's domain (reverse document order), run the transition
 * actions in selection order, enter the static entry sets (document order).
 * Then `settle` runs the done events raised on the way to completion.
 */
import { StructureKind, type FunctionDeclarationStructure } from 'ts-morph';
import type { FlowModel } from '../model.js';
import { emitAction } from './action.js';
import { readsEvent, WORKING_CONTEXT } from './expression.js';
import { actionExpressions } from './actionExpressions.js';
import { enterFunction, exitFunction, exportedNames, quote } from './generatedNames.js';
import type { ModuleFacts } from './moduleFacts.js';
import { writeDoneSelection } from './selection.js';
import { hasExitWork } from './stateFunctions.js';

type Fn = FunctionDeclarationStructure;

const fn = (name: string, parameters: [string, string][], docs: string | undefined, statements: Fn['statements']): Fn => ({
  kind: StructureKind.Function,
  name,
  parameters: parameters.map(([n, type]) => ({ name: n, type })),
  returnType: 'void',
  ...(docs === undefined ? {} : { docs: [docs] }),
  statements,
});

export function microstepFunctions(model: FlowModel, facts: ModuleFacts): Fn[] {
  const fns = [
    facts.parallel ? parallelMicrostep(model, facts) : singleMicrostep(model, facts),
    exitsOf(model),
    entriesOf(model),
    exitRange(facts),
    exitState(model),
  ];
  if (facts.parallel) fns.push(pick());
  if (facts.content) fns.push(content(model));
  if (facts.done) fns.push(selectDone(model, facts), settle(facts));
  return fns;
}

function eventParameter(model: FlowModel): [string, string] {
  return ['event', `${exportedNames(model).event} | undefined`];
}

function singleMicrostep(model: FlowModel, facts: ModuleFacts): Fn {
  return fn('microstep', [eventParameter(model)], 'One microstep for the transition in `chosen`.', (w) => {
    w.writeLine('const t = chosen;');
    w.writeLine('chosen = -1;');
    w.writeLine('exitsOf(t);');
    w.writeLine('const info = TAKEN[t];');
    w.writeLine('if (info !== undefined) (taken ??= []).push(info);');
    if (facts.content) w.writeLine('content(t, event);');
    w.writeLine('entriesOf(t);');
  });
}

function parallelMicrostep(model: FlowModel, facts: ModuleFacts): Fn {
  const docs = 'One microstep for the selected transitions: their domains are disjoint and in document order, so exiting them in reverse selection order exits in reverse document order.';
  return fn('microstep', [eventParameter(model)], docs, (w) => {
    w.writeLine('for (let i = nsel - 1; i >= 0; i--) exitsOf(sel[i * STRIDE] ?? -1);');
    w.writeLine('for (let i = 0; i < nsel; i++) {');
    w.indent(() => {
      w.writeLine('const t = sel[i * STRIDE] ?? -1;');
      w.writeLine('const info = TAKEN[t];');
      w.writeLine('if (info !== undefined) (taken ??= []).push(info);');
      if (facts.content) w.writeLine('content(t, event);');
    });
    w.writeLine('}');
    w.writeLine('for (let i = 0; i < nsel; i++) entriesOf(sel[i * STRIDE] ?? -1);');
    w.writeLine('nsel = 0;');
  });
}

/** Cases grouped by identical bodies: `case 1: case 4: body`. */
function groupedSwitch(subject: string, entries: readonly { label: number; body: string[]; comment: string }[]): Fn['statements'] {
  const groups = new Map<string, { labels: { label: number; comment: string }[]; body: string[] }>();
  for (const e of entries) {
    const key = e.body.join('\n');
    const g = groups.get(key);
    if (g === undefined) groups.set(key, { labels: [{ label: e.label, comment: e.comment }], body: e.body });
    else g.labels.push({ label: e.label, comment: e.comment });
  }
  return (w) => {
    if (groups.size === 0) return;
    w.writeLine(`switch (${subject}) {`);
    w.indent(() => {
      for (const g of groups.values()) {
        for (const l of g.labels) w.writeLine(`case ${l.label}:${l.comment === '' ? '' : ` // ${l.comment}`}`);
        w.indent(() => [...g.body, 'break;'].forEach((line) => w.writeLine(line)));
      }
    });
    w.writeLine('}');
  };
}

function exitsOf(model: FlowModel): Fn {
  const entries = model.transitions
    .filter((t) => t.target !== undefined)
    .map((t) => ({ label: t.id, body: [`exitRange(${t.exitFrom}, ${t.exitTo});`], comment: '' }));
  return fn('exitsOf', [['t', 'number']], 'Exits what transition `t` leaves: the active states under its domain. Targetless transitions exit nothing.', groupedSwitch('t', entries));
}

function entriesOf(model: FlowModel): Fn {
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
  return fn('entriesOf', [['t', 'number']], "Enters transition `t`'s static entry set, in document order.", groupedSwitch('t', entries));
}

function exitRange(facts: ModuleFacts): Fn {
  return fn('exitRange', [['from', 'number'], ['to', 'number']], 'Exits the active states among ids `from..to`, descendants first (reverse document order).', (w) => {
    // Without parallel states nothing after the leaf is active.
    const start = facts.parallel ? 'to' : 'leaf < to ? leaf : to';
    w.writeLine(`for (let s = ${start}; s >= from; s--) if (act[s] === 1) exitState(s);`);
  });
}

function exitState(model: FlowModel): Fn {
  const withWork = model.states.filter(hasExitWork);
  return fn('exitState', [['s', 'number']], undefined, (w) => {
    if (withWork.length === 0) {
      w.writeLine('act[s] = 0;');
      return;
    }
    w.writeLine('switch (s) {');
    w.indent(() => {
      for (const state of withWork) {
        w.writeLine(`case ${state.id}:`);
        w.indent(() => w.writeLine(`${exitFunction(state)}();`).writeLine('break;'));
      }
      w.writeLine('default:');
      w.indent(() => w.writeLine('act[s] = 0;'));
    });
    w.writeLine('}');
  });
}

function content(model: FlowModel): Fn {
  const eventType = exportedNames(model).event;
  return fn('content', [['t', 'number'], ['event', `${eventType} | undefined`]], 'Runs the actions of transition `t`.', (w) => {
    w.writeLine('switch (t) {');
    w.indent(() => {
      for (const t of model.transitions) {
        if (t.actions.length === 0) continue;
        w.writeLine(`case ${t.id}: {`);
        w.indent(() => {
          // Only the selected event reaches here; the test narrows `event` to the payload the actions read.
          if (t.actions.some((a) => actionExpressions(a).some(readsEvent))) {
            w.writeLine(`if (event === undefined || event.type !== ${quote(t.trigger.type)}) break;`);
          }
          for (const action of t.actions) emitAction(action, WORKING_CONTEXT).forEach((line) => w.writeLine(line));
          w.writeLine('break;');
        });
        w.writeLine('}');
      }
    });
    w.writeLine('}');
  });
}

function pick(): Fn {
  const docs =
    'Adds transition `t` to the selection unless an earlier one preempts it (SCXML removeConflictingTransitions): exit sets intersect iff the exit ranges overlap; the later transition wins only when its source descends from the earlier one\'s.';
  const params: [string, string][] = [['t', 'number'], ['source', 'number'], ['sourceEnd', 'number'], ['from', 'number'], ['to', 'number']];
  return fn('pick', params, docs, (w) => {
    w.writeLine('for (let i = 0; i < nsel; i++) if (sel[i * STRIDE] === t) return;');
    w.writeLine('if (from <= to) {');
    w.indent(() => {
      w.writeLine('for (let i = 0; i < nsel; i++) {');
      w.indent(() => {
        w.writeLine('const b = i * STRIDE;');
        w.writeLine('const f = sel[b + 3] ?? 0;');
        w.writeLine('const l = sel[b + 4] ?? -1;');
        w.writeLine('const s = sel[b + 1] ?? 0;');
        w.writeLine('if (f <= l && from <= l && f <= to && !(source > s && source <= (sel[b + 2] ?? 0))) return;');
      });
      w.writeLine('}');
      w.writeLine('let kept = 0;');
      w.writeLine('for (let i = 0; i < nsel; i++) {');
      w.indent(() => {
        w.writeLine('const b = i * STRIDE;');
        w.writeLine('const f = sel[b + 3] ?? 0;');
        w.writeLine('const l = sel[b + 4] ?? -1;');
        w.writeLine('if (f <= l && from <= l && f <= to) continue;');
        w.writeLine('if (kept !== i) sel.copyWithin(kept * STRIDE, b, b + STRIDE);');
        w.writeLine('kept++;');
      });
      w.writeLine('}');
      w.writeLine('nsel = kept;');
    });
    w.writeLine('}');
    w.writeLine('const b = nsel * STRIDE;');
    w.writeLine('sel[b] = t;');
    w.writeLine('sel[b + 1] = source;');
    w.writeLine('sel[b + 2] = sourceEnd;');
    w.writeLine('sel[b + 3] = from;');
    w.writeLine('sel[b + 4] = to;');
    w.writeLine('nsel++;');
  });
}

function selectDone(model: FlowModel, facts: ModuleFacts): Fn {
  return fn('selectDone', [['state', 'number']], 'Selects the transitions listening to done(`state`).', (w) => writeDoneSelection(w, model, facts));
}

function settle(facts: ModuleFacts): Fn {
  const selected = facts.parallel ? 'nsel > 0' : 'chosen >= 0';
  const docs = 'Runs the done events raised so far, in order, to completion (the rest of the macrostep); a cycle of done events stops after MAX_INTERNAL.';
  return fn('settle', [], docs, (w) => {
    w.writeLine('for (let i = 0; i < queue.length && i < MAX_INTERNAL && status === "active"; i++) {');
    w.indent(() => {
      w.writeLine('selectDone(queue[i] ?? -1);');
      w.writeLine(`if (${selected}) microstep(undefined);`);
    });
    w.writeLine('}');
    w.writeLine('queue.length = 0;');
  });
}
