/**
 * The compiled POM agent flow (seed 001) and its event logs, shared by the
 * agent tests. The logs are the agent manager's, one file per scenario and
 * agent (`<scenario>.<agentId>.jsonl`): `flowc simulate` replays a log as one
 * instance of the flow, so a two-agent scenario is two files, and every line
 * still names its agent (`agentId`) so the scenario can be merged back and
 * driven through a SessionRegistry.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile, loadMachines } from '../../../compiler/index.js';
import type { Diagnostic } from '../../../grammar/diagnostic.js';
import type { AnyFlowMachine } from '../../../runtime/machine.js';
import { mergeTraces, readTrace, type TraceEvent, type TraceRead } from '../../../runtime/trace/index.js';
import type { Value } from '../../../runtime/values.js';

export const REPO = join(import.meta.dirname, '..', '..', '..');
export const FLOW_PATH = 'flows/pom/agent.flow';
export const LOGS = join(REPO, 'test', 'fixtures', 'events', 'pom');

/** The `source` of a line one agent instance sent to another (`send ... to Agent(key)`). */
export const PEER_SOURCE = 'peer';

export interface CompiledAgent {
  readonly machine: AnyFlowMachine;
  readonly source: string;
  readonly diagnostics: readonly Diagnostic[];
}

let compiled: Promise<CompiledAgent> | undefined;

/** Compiled once per test file (the compiler is not what these tests measure). */
export function agentFlow(): Promise<CompiledAgent> {
  compiled ??= (async () => {
    const source = readFileSync(join(REPO, FLOW_PATH), 'utf8');
    const result = await compile([{ path: FLOW_PATH, text: source }], { kinds: ['js'] });
    const [machine] = await loadMachines(result.files);
    if (machine === undefined) throw new Error(`Agent did not compile: ${JSON.stringify(result.diagnostics)}`);
    return { machine, source, diagnostics: result.diagnostics };
  })();
  return compiled;
}

export interface Scenario {
  /** The scenario's name: its files are `<name>.<agentId>.jsonl` under test/fixtures/events/pom. */
  readonly name: string;
  /** The agents it involves, in the order they log in. */
  readonly agents: readonly string[];
}

/** Every scenario of the agent flow: the coverage test replays them all. */
export const SCENARIOS: readonly Scenario[] = [
  { name: 'session-ready-not-ready', agents: ['a1001'] },
  { name: 'progressive-call', agents: ['a1001'] },
  { name: 'preview-pending-not-ready', agents: ['a1001'] },
  { name: 'preview-cancel-redial', agents: ['a1001'] },
  { name: 'callback', agents: ['a1001'] },
  { name: 'pending-logout', agents: ['a1001'] },
  { name: 'consult-transfer', agents: ['a1001', 'a1002'] },
  { name: 'consult-conference', agents: ['a1001', 'a1002'] },
  { name: 'conference-end', agents: ['a1001', 'a1002'] },
  { name: 'consult-pending', agents: ['a1001', 'a1002', 'a1003', 'a1004'] },
  { name: 'consult-pending-withdrawn', agents: ['a1001', 'a1002', 'a1003'] },
  { name: 'consult-release-passive', agents: ['a1001', 'a1002', 'a1003', 'a1004'] },
  { name: 'owner-call-ends', agents: ['a1001', 'a1002'] },
  { name: 'external-transfer', agents: ['a1001', 'a1002'] },
  { name: 'ha-desktop-shutdown', agents: ['a1001'] },
  { name: 'job-lifecycle', agents: ['a1001'] },
  { name: 'blending', agents: ['a1001'] },
];

export function scenario(name: string): Scenario {
  const found = SCENARIOS.find((s) => s.name === name);
  if (found === undefined) throw new Error(`no scenario ${name}`);
  return found;
}

export function logFile(name: string, agentId: string): string {
  return `${name}.${agentId}.jsonl`;
}

/** Every file of the log folder. */
export function logFiles(): string[] {
  return readdirSync(LOGS)
    .filter((f) => f.endsWith('.jsonl'))
    .sort();
}

/** One agent's log of a scenario: what its own instance of the flow is given. */
export function readLog(name: string, agentId: string): TraceRead {
  const file = logFile(name, agentId);
  return readTrace(readFileSync(join(LOGS, file)), file);
}

/** A scenario's logs merged by time: what the agent manager saw of all its agents. */
export function readScenario(s: Scenario): TraceRead {
  return mergeTraces(s.agents.map((agentId) => readLog(s.name, agentId)));
}

export function inputOf(agentId: string): Readonly<Record<string, Value>> {
  return { agentId };
}

/** Keys of a log line that say where it goes and where it came from, not what the event carries. */
const ROUTING_KEYS = new Set(['type', 'agentId', 'source']);

/** The event a log line carries, as an instance is given it: its type and its flow-valued fields. */
export function eventOfLine(line: TraceEvent): { readonly type: string } & Readonly<Record<string, Value>> {
  const fields: Record<string, Value> = {};
  for (const [name, value] of Object.entries(line)) {
    if (ROUTING_KEYS.has(name)) continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') fields[name] = value;
  }
  return { ...fields, type: line.type };
}
