/**
 * The compiled POM agent flow (seed 001) and its event logs, shared by the
 * agent tests. A log is the agent manager's: every line names the agent it
 * is for (`agentId`), so a two-agent scenario is one file; each agent's
 * lines are replayed through their own instance of the flow.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile, loadMachines } from '../../../compiler/index.js';
import type { Diagnostic } from '../../../grammar/diagnostic.js';
import type { AnyFlowMachine } from '../../../runtime/machine.js';
import { readTrace, type TraceEvent, type TraceRead } from '../../../runtime/trace/index.js';
import type { Value } from '../../../runtime/values.js';

export const REPO = join(import.meta.dirname, '..', '..', '..');
export const FLOW_PATH = 'flows/pom/agent.flow';
const LOGS = join(REPO, 'test', 'fixtures', 'events', 'pom');

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
  /** File name under test/fixtures/events/pom. */
  readonly file: string;
  /** The agents whose lines the log holds, in the order they log in. */
  readonly agents: readonly string[];
  /** Inputs beyond `agentId` (the campaign strategy values the log was made with). */
  readonly input?: Readonly<Record<string, Value>>;
}

/** Every log of the agent flow: the coverage test replays them all. */
export const SCENARIOS: readonly Scenario[] = [
  { file: 'session-ready-not-ready.jsonl', agents: ['a1001'] },
  { file: 'progressive-call.jsonl', agents: ['a1001'] },
  { file: 'preview-pending-not-ready.jsonl', agents: ['a1001'] },
  { file: 'preview-cancel-redial.jsonl', agents: ['a1001'] },
  { file: 'callback.jsonl', agents: ['a1001'], input: { callbackDueTimeZone: 'UTC' } },
  { file: 'pending-logout.jsonl', agents: ['a1001'] },
  { file: 'consult-transfer.jsonl', agents: ['a1001', 'a1002'] },
  { file: 'consult-conference.jsonl', agents: ['a1001', 'a1002'] },
  { file: 'conference-end.jsonl', agents: ['a1001', 'a1002'] },
  { file: 'consult-pending.jsonl', agents: ['a1001', 'a1002', 'a1003', 'a1004'] },
  { file: 'consult-pending-withdrawn.jsonl', agents: ['a1001', 'a1002', 'a1003'] },
  { file: 'consult-release-passive.jsonl', agents: ['a1001', 'a1002', 'a1003', 'a1004'] },
  { file: 'owner-call-ends.jsonl', agents: ['a1001', 'a1002'] },
  { file: 'external-transfer.jsonl', agents: ['a1001', 'a1002'] },
  { file: 'ha-desktop-shutdown.jsonl', agents: ['a1001'] },
  { file: 'job-lifecycle.jsonl', agents: ['a1001'] },
  { file: 'blending.jsonl', agents: ['a1001'] },
];

export function scenario(file: string): Scenario {
  const found = SCENARIOS.find((s) => s.file === file);
  if (found === undefined) throw new Error(`no scenario ${file}`);
  return found;
}

export function readLog(file: string): TraceRead {
  return readTrace(readFileSync(join(LOGS, file)), file);
}

/** The lines of one agent: what its own instance of the flow is given. */
export function agentLog(log: TraceRead, agentId: string): TraceRead {
  return {
    ...log,
    name: `${log.name} (${agentId})`,
    items: log.items.filter((item) => item.kind === 'event' && item.event['agentId'] === agentId),
  };
}

export function inputOf(s: Scenario, agentId: string): Readonly<Record<string, Value>> {
  return { ...s.input, agentId };
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
