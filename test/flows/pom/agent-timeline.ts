/**
 * A replay of one agent's log as lines a reader can check against the seed:
 * the event, the agent's three sub-states after it, and the events the flow
 * emitted, e.g.
 *
 *   `NotReady -> NotReady Idle JobDetached ! Alarm(P_POMAGT16, major)`
 *
 * Outside a session the configuration is the single state `Logout`. A
 * logged event no transition took ends with `(ignored)`; a timer step reads
 * `$timer WrapupOpen#0 -> ...`.
 */
import type { EmitEffect, Effect } from '../../../runtime/effects.js';
import type { AnyFlowMachine } from '../../../runtime/machine.js';
import type { SimulationResult, SimulationStep } from '../../../runtime/simulate/index.js';
import type { Value } from '../../../runtime/values.js';

const REGIONS = ['AgentState', 'CallState', 'JobState'] as const;
/** States the flow adds to group the seed's states (see agent.flow): left out of the paths. */
const GROUPS = new Set(['Known', 'Occupied', 'Working', 'Engaged', 'Outbound']);

/**
 * Each region's active state as its path below the region, groups left out
 * (`Busy Consult.ConsultOwner.ConsultRequested JobAttached`), or `Logout`
 * outside a session.
 */
export function regionStates(machine: AnyFlowMachine, configuration: readonly string[]): string {
  const parentOf = new Map(machine.states.map((s) => [s.name, s.parent]));
  const active = new Set(configuration);
  const leaves = configuration.filter((name) => !configuration.some((c) => parentOf.get(c) === name));
  if (!active.has('Session')) return leaves.join(' ');
  return REGIONS.map((region) => {
    const leaf = leaves.find((l) => pathBelow(parentOf, l, region) !== undefined);
    return leaf === undefined ? '?' : (pathBelow(parentOf, leaf, region) ?? []).join('.');
  }).join(' ');
}

/** The states from just below `region` down to `state`, groups left out; undefined when `state` is not in `region`. */
function pathBelow(parentOf: ReadonlyMap<string, string | undefined>, state: string, region: string): string[] | undefined {
  const path: string[] = [];
  for (let s: string | undefined = state; s !== undefined; s = parentOf.get(s)) {
    if (s === region) return path.reverse();
    if (!GROUPS.has(s)) path.push(s);
  }
  return undefined;
}

/** `Alarm(P_POMAGT16, major)`: the payload in the order the flow declares the fields. */
export function formatEmit(machine: AnyFlowMachine, effect: EmitEffect): string {
  const declared = machine.emits.find((e) => e.type === effect.event);
  const names = declared === undefined ? Object.keys(effect.payload) : Object.keys(declared.fields);
  return `${effect.event}(${names.map((n) => formatValue(effect.payload[n])).join(', ')})`;
}

function formatValue(value: Value | undefined): string {
  return value === undefined ? '?' : String(value);
}

export function emitsOf(effects: readonly Effect[]): EmitEffect[] {
  return effects.filter((e): e is EmitEffect => e.kind === 'emit');
}

function stepEvent(step: SimulationStep): { name: string; handled: boolean } {
  switch (step.kind) {
    case 'timer':
      return { name: `$timer ${step.timer}`, handled: step.taken.length > 0 };
    case 'event': {
      const outcome = step.outcome;
      const handled = outcome.kind === 'command' && outcome.delivered?.handled === true;
      return { name: step.summary, handled };
    }
    default:
      return { name: step.summary, handled: step.taken.length > 0 };
  }
}

export function timelineLine(machine: AnyFlowMachine, step: SimulationStep): string {
  const { name, handled } = stepEvent(step);
  const emits = emitsOf(step.effects).map((e) => formatEmit(machine, e));
  return `${name} -> ${regionStates(machine, step.configuration)}${emits.length > 0 ? ` ! ${emits.join(', ')}` : ''}${handled ? '' : ' (ignored)'}`;
}

export function timeline(machine: AnyFlowMachine, result: SimulationResult): string[] {
  return result.steps.map((step) => timelineLine(machine, step));
}

/** Commands the replay refused (undeclared event, a field of the wrong type): a log that does not fit the flow. */
export function rejectedCommands(result: SimulationResult): string[] {
  return result.steps.flatMap((s) => (s.kind === 'event' && s.outcome.kind === 'command' && s.outcome.rejected !== undefined ? [`${s.summary}: ${s.outcome.rejected}`] : []));
}
