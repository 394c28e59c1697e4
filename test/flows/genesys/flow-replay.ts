/**
 * Helpers for the seed-flow tests that replay JSONL event logs: compile a
 * `.flow` file as the CLI does, replay a log through one of its flows with
 * `simulate`, and read back what the flow did (emits, sends, timers, states),
 * so each test states the behaviour it proves and nothing else.
 * (Shared by test/flows/genesys and test/flows/ccm.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile, loadMachines } from '../../../compiler/index.js';
import type { Diagnostic } from '../../../grammar/diagnostic.js';
import type { AnyFlowMachine } from '../../../runtime/machine.js';
import { simulate, type SimulationResult, type SimulationStep } from '../../../runtime/simulate/index.js';
import { readTrace, type TraceRead } from '../../../runtime/trace/index.js';
import type { Value } from '../../../runtime/values.js';

export const REPO = join(import.meta.dirname, '..', '..', '..');

export interface CompiledFile {
  readonly source: string;
  readonly diagnostics: readonly Diagnostic[];
  readonly machines: ReadonlyMap<string, AnyFlowMachine>;
}

/** Compiles every flow of a `.flow` file (path relative to the repository). */
export async function compileFlowFile(path: string): Promise<CompiledFile> {
  const source = readFileSync(join(REPO, path), 'utf8');
  const result = await compile([{ path, text: source }], { kinds: ['js'] });
  const machines = await loadMachines(result.files);
  return { source, diagnostics: result.diagnostics, machines: new Map(machines.map((m) => [m.name, m])) };
}

export function machineOf(file: CompiledFile, name: string): AnyFlowMachine {
  const machine = file.machines.get(name);
  if (machine === undefined) throw new Error(`flow ${name} did not compile: ${JSON.stringify(file.diagnostics)}`);
  return machine;
}

export function readLog(dir: string, file: string): TraceRead {
  return readTrace(readFileSync(join(REPO, dir, file)), file);
}

export function replay(machine: AnyFlowMachine, log: TraceRead, input: Readonly<Record<string, Value>>, source: string): SimulationResult {
  return simulate(machine, log, { input, flowSource: source });
}

export interface Emitted {
  readonly call: number | undefined;
  readonly time: number;
  readonly event: string;
  readonly payload: Readonly<Record<string, Value>>;
}

export interface Sent extends Emitted {
  readonly flow: string;
  readonly key: string;
}

/** Every `emit` of the replay, in the order the flow made them, with the virtual time of its step. */
export function emitted(result: SimulationResult): Emitted[] {
  return result.steps.flatMap((step) =>
    step.effects.flatMap((e) => (e.kind === 'emit' ? [{ call: step.call, time: step.time, event: e.event, payload: e.payload }] : [])),
  );
}

/** Every `send` of the replay, in order. */
export function sent(result: SimulationResult): Sent[] {
  return result.steps.flatMap((step) =>
    step.effects.flatMap((e) =>
      e.kind === 'send' ? [{ call: step.call, time: step.time, event: e.event, payload: e.payload, flow: e.flow, key: e.key }] : [],
    ),
  );
}

/** What the flow sent out, emits and sends together in the order it made them: `to` names a send's addressee. */
export interface Output {
  readonly at: string;
  readonly emit?: string;
  readonly send?: string;
  readonly to?: string;
  readonly payload: Readonly<Record<string, Value>>;
}

export function outputs(result: SimulationResult): Output[] {
  return result.steps.flatMap((step) =>
    step.effects.flatMap((e): Output[] => {
      if (e.kind === 'emit') return [{ at: iso(step.time), emit: e.event, payload: e.payload }];
      if (e.kind === 'send') return [{ at: iso(step.time), send: e.event, to: `${e.flow}(${e.key})`, payload: e.payload }];
      return [];
    }),
  );
}

/** Emit names only, for asserting order at a glance. */
export function emittedNames(result: SimulationResult): string[] {
  return emitted(result).map((e) => e.event);
}

/**
 * The configurations one call went through, step by step (consecutive
 * repeats collapsed): its initial configuration comes with its first step.
 */
export function statesVisited(result: SimulationResult, call = 1): string[][] {
  const seen: string[][] = [];
  for (const step of result.steps) {
    if (step.call !== call || step.configuration.length === 0) continue;
    const last = seen[seen.length - 1];
    if (last !== undefined && sameList(last, step.configuration)) continue;
    seen.push([...step.configuration]);
  }
  return seen;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export function timerSteps(result: SimulationResult): Extract<SimulationStep, { kind: 'timer' }>[] {
  return result.steps.filter((s): s is Extract<SimulationStep, { kind: 'timer' }> => s.kind === 'timer');
}

/** The step that replayed the log line `frame` (1-based line number). */
export function stepAtLine(result: SimulationResult, frame: number): Extract<SimulationStep, { kind: 'event' }> {
  const step = result.steps.find((s): s is Extract<SimulationStep, { kind: 'event' }> => s.kind === 'event' && s.frame === frame);
  if (step === undefined) throw new Error(`no step for line ${frame} of ${result.trace}`);
  return step;
}

/** Union of the transition ids the replays took. */
export function coveredTransitions(results: readonly SimulationResult[]): number[] {
  return [...new Set(results.flatMap((r) => r.coverage.transitions))].sort((a, b) => a - b);
}

/** `Source line:column event -> target` of each transition, so a coverage failure names what was lost. */
export function describeTransitions(machine: AnyFlowMachine, ids: readonly number[]): string[] {
  return ids.map((id) => {
    const t = machine.transitions[id];
    return t === undefined ? `#${id}` : `${t.source} ${t.event}${t.target === undefined ? '' : ` -> ${t.target}`} (line ${t.at.line})`;
  });
}

export function iso(time: number): string {
  return new Date(time).toISOString();
}
