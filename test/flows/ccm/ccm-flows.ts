/**
 * The seed 003 flows (flows/ccm) and their JSONL logs
 * (test/fixtures/events/ccm/<case>.<flow>.jsonl), shared by the CCM tests:
 * which flow replays which log, with the inputs the logs were written for.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AnyFlowMachine } from '../../../runtime/machine.js';
import type { SimulationResult } from '../../../runtime/simulate/index.js';
import type { Value } from '../../../runtime/values.js';
import { compileFlowFile, machineOf, readLog, REPO, replay, type CompiledFile } from '../genesys/flow-replay.js';

export const LOGS = 'test/fixtures/events/ccm';

/** The identities every log uses: one customer call, Agent A consulting Agent B. */
export const CUSTOMER_ANI = '+923215551234';
export const CONVERSATION = '65f1c0a2e4b0c81d2a9f3e70';
export const CHANNEL_SESSION = '65f1c0a2e4b0c81d2a9f3e71';
export const AGENT_A = 'a.khan';
export const AGENT_A_EXTENSION = '5021';
export const AGENT_B = 'b.ahmed';

/** A log's role: which flow replays it. */
export type Role = 'ccm' | 'desk-b' | 'desk-a' | 're';

interface RoleInfo {
  readonly file: string;
  readonly flow: string;
  readonly input: Readonly<Record<string, Value>>;
}

export const ROLES: Readonly<Record<Role, RoleInfo>> = {
  ccm: {
    file: 'flows/ccm/consult-call.flow',
    flow: 'ConsultCall',
    input: { customerAni: CUSTOMER_ANI, channelSessionId: CHANNEL_SESSION, conversationId: CONVERSATION },
  },
  'desk-b': { file: 'flows/ccm/consult-call.flow', flow: 'ConsultTargetDesk', input: { agentId: AGENT_B } },
  'desk-a': { file: 'flows/ccm/consult-initiator-desk.flow', flow: 'ConsultInitiatorDesk', input: { agentId: AGENT_A } },
  re: { file: 'flows/ccm/consult-task-routing.flow', flow: 'ConsultTaskRouting', input: {} },
};

/**
 * Inputs a case changes from the defaults: `browser-b-not-restored` is the
 * deployment whose restore interval (5 s) is shorter than RONA (15 s), the
 * only one where the restore timer, not RONA, decides.
 */
const CASE_INPUT: Readonly<Record<string, Readonly<Record<string, Value>>>> = {
  'browser-b-not-restored': { restoreInterval: 5_000 },
};

export interface LogName {
  readonly file: string;
  readonly case: string;
  readonly role: Role;
}

/** Every log of the folder, so a log added without a test of its flow still counts in coverage. */
export function logsOf(role: Role): LogName[] {
  return readdirSync(join(REPO, LOGS))
    .filter((f) => f.endsWith(`.${role}.jsonl`))
    .sort()
    .map((file) => ({ file, case: file.slice(0, -`.${role}.jsonl`.length), role }));
}

export interface RoleReplays {
  readonly source: string;
  readonly machine: AnyFlowMachine;
  readonly compiled: CompiledFile;
  /** Replay results by case name. */
  readonly byCase: ReadonlyMap<string, SimulationResult>;
  get(caseName: string): SimulationResult;
  /** The case's log again, with some inputs changed. */
  rerun(caseName: string, input: Readonly<Record<string, Value>>): SimulationResult;
}

/** Compiles the role's flow and replays all its logs. */
export async function replayRole(role: Role): Promise<RoleReplays> {
  const info = ROLES[role];
  const compiled = await compileFlowFile(info.file);
  const machine = machineOf(compiled, info.flow);
  const byCase = new Map<string, SimulationResult>();
  const run = (caseName: string, input: Readonly<Record<string, Value>>): SimulationResult =>
    replay(machine, readLog(LOGS, `${caseName}.${role}.jsonl`), { ...info.input, ...CASE_INPUT[caseName], ...input }, compiled.source);
  for (const log of logsOf(role)) byCase.set(log.case, run(log.case, {}));
  return {
    source: compiled.source,
    machine,
    compiled,
    byCase,
    get(caseName: string): SimulationResult {
      const r = byCase.get(caseName);
      if (r === undefined) throw new Error(`no ${role} log for case ${caseName}`);
      return r;
    },
    rerun: run,
  };
}
