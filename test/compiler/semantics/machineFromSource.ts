/**
 * Test harness for the execution semantics: compiles a small `.flow` text
 * through compile() and loads the generated JavaScript, so every rule is
 * checked on real generated code, not on an interpreter.
 */
import { expect } from 'vitest';
import { compile } from '../../../compiler/compile.js';
import { loadMachines } from '../../../compiler/load.js';
import type { Effect } from '../../../runtime/effects.js';
import type { AnyFlowMachine, FlowEvent, MachineSnapshot, StepResult } from '../../../runtime/machine.js';
import type { Value } from '../../../runtime/values.js';

type Snapshot = MachineSnapshot<Readonly<Record<string, Value>>, string>;

/** An event with its payload fields, as a session delivers it. */
export type TestEvent = FlowEvent & Readonly<Record<string, Value>>;

export async function machineFromSource(text: string): Promise<AnyFlowMachine> {
  const result = await compile([{ path: 'test.flow', text }], { kinds: ['js'] });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const [machine] = await loadMachines(result.files);
  if (machine === undefined) throw new Error('no machine was generated');
  return machine;
}

/** Starts the machine and feeds the events in order; returns every step's result. */
export function runEvents(machine: AnyFlowMachine, events: readonly TestEvent[], input: Readonly<Record<string, Value>> = {}): StepResult<Snapshot>[] {
  const steps = [machine.initial(input)];
  for (const event of events) {
    const last = steps[steps.length - 1];
    if (last === undefined) break;
    steps.push(machine.transition(last.snapshot, event));
  }
  return steps;
}

/** The `n` payloads of `emit Mark(n: ...)` effects, in order: how the tests observe action order. */
export function marks(effects: readonly Effect[]): string[] {
  return effects.flatMap((e) => (e.kind === 'emit' && e.event === 'Mark' ? [String(e.payload['n'])] : []));
}

/** The ids of the transitions a step took, in order, resolved to "Source->Target" via the description. */
export function takenNames(machine: AnyFlowMachine, step: StepResult<Snapshot>): string[] {
  return step.taken.map(({ id }) => {
    const t = machine.transitions[id];
    return t === undefined ? `?${id}` : `${t.source}->${t.target ?? '.'}`;
  });
}
