/**
 * Transition selection as generated `switch` code (SCXML selectTransitions):
 * per event type, per active atomic state, the candidate transitions from
 * that state up through its ancestors in document order, guards inlined;
 * the first enabled one is selected. Leg events first move the leg table.
 */
import type { CodeBlockWriter } from 'ts-morph';
import { LEG_EVENTS, type LegEventName } from '../../grammar/ast.js';
import type { LegState } from '../../runtime/values.js';
import type { FlowModel, StateId, TransitionModel } from '../model.js';
import { legMove } from './action.js';
import { emitExpr, WORKING_CONTEXT } from './expression.js';
import { quote } from './generatedNames.js';
import type { ModuleFacts } from './moduleFacts.js';

/** Leg state after a leg event, whoever handles it (docs/semantics.md, leg table). */
const EVENT_LEG_STATE: Partial<Record<LegEventName, LegState>> = {
  ringing: 'early',
  early: 'early',
  answered: 'connected',
  failed: 'ended',
  hangup: 'ended',
  cancelled: 'ended',
  replaced: 'ended',
};

interface SelectionCase {
  readonly states: readonly StateId[];
  readonly candidates: readonly TransitionModel[];
}

/** Atomic states grouped by their candidate list (same list, one `case` with several labels). */
function selectionCases(model: FlowModel, listens: (t: TransitionModel) => boolean): SelectionCase[] {
  const byKey = new Map<string, { states: StateId[]; candidates: TransitionModel[] }>();
  for (const state of model.states) {
    if (state.children.length > 0) continue;
    const candidates: TransitionModel[] = [];
    for (let s: StateId | undefined = state.id; s !== undefined; s = model.states[s]?.parent) {
      for (const id of model.states[s]?.transitions ?? []) {
        const t = model.transitions[id];
        if (t !== undefined && listens(t)) candidates.push(t);
      }
    }
    if (candidates.length === 0) continue;
    const key = candidates.map((t) => t.id).join(',');
    const group = byKey.get(key);
    if (group === undefined) byKey.set(key, { states: [state.id], candidates });
    else group.states.push(state.id);
  }
  return [...byKey.values()];
}

function pickStatement(model: FlowModel, facts: ModuleFacts, t: TransitionModel): string {
  if (!facts.parallel) return `chosen = ${t.id};`;
  const sourceEnd = model.states[t.source]?.end ?? t.source;
  return `pick(${t.id}, ${t.source}, ${sourceEnd}, ${t.exitFrom}, ${t.exitTo});`;
}

/** `if (g1) pick(a); else if (g2) pick(b); else pick(c);` stopping at the first unguarded candidate. */
function writeCandidates(writer: CodeBlockWriter, model: FlowModel, facts: ModuleFacts, candidates: readonly TransitionModel[]): void {
  for (const [i, t] of candidates.entries()) {
    const pick = pickStatement(model, facts, t);
    const guard = t.guard === undefined ? undefined : emitExpr(t.guard, WORKING_CONTEXT);
    const keyword = i === 0 ? '' : 'else ';
    writer.writeLine(guard === undefined ? `${keyword}${pick}` : `${keyword}if (${guard}) ${pick}`);
    if (guard === undefined) return;
  }
}

/** The active atomic state(s) dispatch: `switch (leaf)` without parallel states, a flag scan with them. */
export function writeSelection(writer: CodeBlockWriter, model: FlowModel, facts: ModuleFacts, listens: (t: TransitionModel) => boolean): void {
  const cases = selectionCases(model, listens);
  if (cases.length === 0) return;
  const writeSwitch = (subject: string): void => {
    writer.writeLine(`switch (${subject}) {`);
    writer.indent(() => {
      for (const c of cases) {
        for (const s of c.states) writer.writeLine(`case ${s}: // ${model.states[s]?.name ?? ''}`);
        writer.indent(() => {
          writeCandidates(writer, model, facts, c.candidates);
          writer.writeLine('break;');
        });
      }
    });
    writer.writeLine('}');
  };
  if (!facts.parallel) {
    writeSwitch('leaf');
    return;
  }
  const ids = cases.flatMap((c) => c.states);
  const only = cases.length === 1 ? cases[0] : undefined;
  if (only !== undefined && only.states.length === 1) {
    writer.writeLine(`if (act[${only.states[0] ?? -1}] === 1) { // ${model.states[only.states[0] ?? -1]?.name ?? ''}`);
    writer.indent(() => writeCandidates(writer, model, facts, only.candidates));
    writer.writeLine('}');
    return;
  }
  writer.writeLine(`for (let s = ${Math.min(...ids)}; s <= ${Math.max(...ids)}; s++) {`);
  writer.indent(() => {
    writer.writeLine('if (act[s] !== 1) continue;');
    writeSwitch('s');
  });
  writer.writeLine('}');
}

/** The body of `transition()`'s `switch (event.type)`: leg table moves and selection per event type. */
export function writeEventSwitch(writer: CodeBlockWriter, model: FlowModel, facts: ModuleFacts): void {
  writer.writeLine('switch (event.type) {');
  writer.indent(() => {
    for (const leg of model.legs) {
      for (const event of Object.keys(LEG_EVENTS) as LegEventName[]) {
        const type = `${leg.name}.${event}`;
        const legState = EVENT_LEG_STATE[event];
        const listens = (t: TransitionModel): boolean => t.trigger.kind === 'leg' && t.trigger.type === type;
        if (legState === undefined && !model.transitions.some(listens)) continue;
        writeCase(writer, type, () => {
          if (legState !== undefined) writer.writeLine(legMove(leg.name, legState));
          writeSelection(writer, model, facts, listens);
        });
      }
    }
    for (const event of model.events) {
      const listens = (t: TransitionModel): boolean => t.trigger.kind === 'event' && t.trigger.event === event.name;
      if (model.transitions.some(listens)) writeCase(writer, event.name, () => writeSelection(writer, model, facts, listens));
    }
    if (model.timers.length > 0) writeCase(writer, '$timer', () => writeTimerSwitch(writer, model, facts));
  });
  writer.writeLine('}');
}

function writeTimerSwitch(writer: CodeBlockWriter, model: FlowModel, facts: ModuleFacts): void {
  writer.writeLine('switch (event.timer) {');
  writer.indent(() => {
    for (const timer of model.timers) {
      const listens = (t: TransitionModel): boolean => t.trigger.kind === 'timer' && t.trigger.timer === timer.timer;
      writeCase(writer, timer.timer, () => writeSelection(writer, model, facts, listens));
    }
  });
  writer.writeLine('}');
}

function writeCase(writer: CodeBlockWriter, label: string, body: () => void): void {
  writer.writeLine(`case ${quote(label)}: {`);
  writer.indent(() => {
    body();
    writer.writeLine('break;');
  });
  writer.writeLine('}');
}

/** Selection for an internal done event: `switch (state)` over the states whose done events someone listens to. */
export function writeDoneSelection(writer: CodeBlockWriter, model: FlowModel, facts: ModuleFacts): void {
  const targets = [...new Set(model.transitions.flatMap((t) => (t.trigger.kind === 'done' ? [t.trigger.state] : [])))];
  writer.writeLine('switch (state) {');
  writer.indent(() => {
    for (const state of targets.sort((a, b) => a - b)) {
      const listens = (t: TransitionModel): boolean => t.trigger.kind === 'done' && t.trigger.state === state;
      writer.writeLine(`case ${state}: { // done(${model.states[state]?.name ?? ''})`);
      writer.indent(() => {
        writeSelection(writer, model, facts, listens);
        writer.writeLine('break;');
      });
      writer.writeLine('}');
    }
  });
  writer.writeLine('}');
}
