/**
 * Transition selection as generated `switch` code (SCXML selectTransitions):
 * per event type, per active atomic state, the candidate transitions from
 * that state up through its ancestors in document order, guards inlined;
 * the first enabled one is selected. Leg events first move the leg table.
 */
import { LEG_EVENTS, type LegEventName } from '../../grammar/ast.js';
import type { LegState } from '../../runtime/values.js';
import type { FlowModel, StateId, TransitionModel } from '../model.js';
import { legMove } from './action.js';
import { emitExpr, WORKING_CONTEXT } from './expression.js';
import { quote } from './generatedNames.js';
import type { ModuleFacts } from './moduleFacts.js';
import type { ModuleWriter } from './moduleWriter.js';
import { triggerIndex, type TriggerIndex } from './triggerIndex.js';

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

/** Transitions listening to one event type, by source state. */
type Listeners = ReadonlyMap<StateId, readonly TransitionModel[]>;

/**
 * Atomic states grouped by their candidate list (same list, one `case` with
 * several labels), in document order. Only descendants of a listening source
 * (ids `source..end`) can have candidates.
 */
function selectionCases(model: FlowModel, listeners: Listeners): SelectionCase[] {
  const leaves = new Set<StateId>();
  for (const source of listeners.keys()) {
    const end = model.states[source]?.end ?? source;
    for (let id = source; id <= end; id++) if (model.states[id]?.children.length === 0) leaves.add(id);
  }
  const byKey = new Map<string, { states: StateId[]; candidates: TransitionModel[] }>();
  for (const leaf of [...leaves].sort((a, b) => a - b)) {
    const candidates: TransitionModel[] = [];
    for (let s: StateId | undefined = leaf; s !== undefined; s = model.states[s]?.parent) {
      const own = listeners.get(s);
      if (own !== undefined) candidates.push(...own);
    }
    const key = candidates.map((t) => t.id).join(',');
    const group = byKey.get(key);
    if (group === undefined) byKey.set(key, { states: [leaf], candidates });
    else group.states.push(leaf);
  }
  return [...byKey.values()];
}

function pickStatement(model: FlowModel, facts: ModuleFacts, t: TransitionModel): string {
  if (!facts.parallel) return `chosen = ${t.id};`;
  const sourceEnd = model.states[t.source]?.end ?? t.source;
  return `pick(${t.id}, ${t.source}, ${sourceEnd}, ${t.exitFrom}, ${t.exitTo});`;
}

/** `if (g1) pick(a); else if (g2) pick(b); else pick(c);` stopping at the first unguarded candidate. */
function writeCandidates(writer: ModuleWriter, model: FlowModel, facts: ModuleFacts, candidates: readonly TransitionModel[]): void {
  for (const [i, t] of candidates.entries()) {
    const pick = pickStatement(model, facts, t);
    const guard = t.guard === undefined ? undefined : emitExpr(t.guard, WORKING_CONTEXT);
    const keyword = i === 0 ? '' : 'else ';
    writer.line(guard === undefined ? `${keyword}${pick}` : `${keyword}if (${guard}) ${pick}`);
    if (guard === undefined) return;
  }
}

/** The active atomic state(s) dispatch: `switch (leaf)` without parallel states, a flag scan with them. */
function writeSelection(writer: ModuleWriter, model: FlowModel, facts: ModuleFacts, listeners: Listeners | undefined): void {
  const cases = listeners === undefined ? [] : selectionCases(model, listeners);
  if (cases.length === 0) return;
  const writeSwitch = (subject: string): void => {
    writer.line(`switch (${subject}) {`);
    writer.indent(() => {
      for (const c of cases) {
        for (const s of c.states) writer.line(`case ${s}: // ${model.states[s]?.name ?? ''}`);
        writer.indent(() => {
          writeCandidates(writer, model, facts, c.candidates);
          writer.line('break;');
        });
      }
    });
    writer.line('}');
  };
  if (!facts.parallel) {
    writeSwitch('leaf');
    return;
  }
  const ids = cases.flatMap((c) => c.states);
  const only = cases.length === 1 ? cases[0] : undefined;
  if (only !== undefined && only.states.length === 1) {
    writer.line(`if (act[${only.states[0] ?? -1}] === 1) { // ${model.states[only.states[0] ?? -1]?.name ?? ''}`);
    writer.indent(() => writeCandidates(writer, model, facts, only.candidates));
    writer.line('}');
    return;
  }
  writer.line(`for (let s = ${Math.min(...ids)}; s <= ${Math.max(...ids)}; s++) {`);
  writer.indent(() => {
    writer.line('if (act[s] !== 1) continue;');
    writeSwitch('s');
  });
  writer.line('}');
}

/** The body of `transition()`'s `switch (event.type)`: leg table moves and selection per event type. */
export function writeEventSwitch(writer: ModuleWriter, model: FlowModel, facts: ModuleFacts): void {
  const index = triggerIndex(model);
  writer.line('switch (event.type) {');
  writer.indent(() => {
    for (const leg of model.legs) {
      for (const event of Object.keys(LEG_EVENTS) as LegEventName[]) {
        const type = `${leg.name}.${event}`;
        const legState = EVENT_LEG_STATE[event];
        const listeners = index.get(type);
        if (legState === undefined && listeners === undefined) continue;
        writeCase(writer, type, () => {
          if (legState !== undefined) writer.line(legMove(leg.name, legState));
          writeSelection(writer, model, facts, listeners);
        });
      }
    }
    for (const event of model.events) {
      const listeners = index.get(event.name);
      if (listeners !== undefined) writeCase(writer, event.name, () => writeSelection(writer, model, facts, listeners));
    }
    if (model.timers.length > 0) writeCase(writer, '$timer', () => writeTimerSwitch(writer, model, facts, index));
  });
  writer.line('}');
}

function writeTimerSwitch(writer: ModuleWriter, model: FlowModel, facts: ModuleFacts, index: TriggerIndex): void {
  writer.line('switch (event.timer) {');
  writer.indent(() => {
    for (const timer of model.timers) {
      const type = model.transitions[timer.transition]?.trigger.type;
      writeCase(writer, timer.timer, () => writeSelection(writer, model, facts, type === undefined ? undefined : index.get(type)));
    }
  });
  writer.line('}');
}

function writeCase(writer: ModuleWriter, label: string, body: () => void): void {
  writer.line(`case ${quote(label)}: {`);
  writer.indent(() => {
    body();
    writer.line('break;');
  });
  writer.line('}');
}

/** Selection for an internal done event: `switch (state)` over the states whose done events someone listens to. */
export function writeDoneSelection(writer: ModuleWriter, model: FlowModel, facts: ModuleFacts): void {
  const index = triggerIndex(model);
  const typeByState = new Map<StateId, string>();
  for (const t of model.transitions) if (t.trigger.kind === 'done') typeByState.set(t.trigger.state, t.trigger.type);
  writer.line('switch (state) {');
  writer.indent(() => {
    for (const [state, type] of [...typeByState].sort(([a], [b]) => a - b)) {
      writer.line(`case ${state}: { // done(${model.states[state]?.name ?? ''})`);
      writer.indent(() => {
        writeSelection(writer, model, facts, index.get(type));
        writer.line('break;');
      });
      writer.line('}');
    }
  });
  writer.line('}');
}
