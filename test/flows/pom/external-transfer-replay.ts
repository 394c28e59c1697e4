/**
 * The POM external-transfer flow (seed 000) and its SIPp captures, shared by
 * the external-transfer tests: compile the flow as the CLI does, replay a
 * capture (alone, or merged with its desktop event log), and read the replay
 * back in the seed's terms: the states the call went through, the commands
 * assumed, the message each effect of the flow explained, what it emitted.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnyFlowMachine } from '../../../runtime/machine.js';
import { simulate, type SimulationResult } from '../../../runtime/simulate/index.js';
import { mergeTraces, readTrace, type TraceRead } from '../../../runtime/trace/index.js';
import { compileFlowFile, machineOf, REPO, statesVisited, type CompiledFile } from '../genesys/flow-replay.js';

export const FLOW = 'flows/pom/external-transfer.flow';
export const TRACES = 'test/fixtures/traces';
/** Desktop logs live in a folder of their own: test/fixtures/events/pom holds the agent flow's logs and nothing else. */
export const LOGS = 'test/fixtures/events/pom/external-transfer';

/** The inputs the captures were made with (test/fixtures/traces/README.md), so every URI is compared. */
export const INPUT = {
  agentUri: 'sip:5020@127.0.0.20',
  customerUri: 'sip:+15551234567@127.0.0.30',
  externalUri: 'sip:+15557654321@127.0.0.30',
} as const;

export interface ExternalTransfer {
  readonly file: CompiledFile;
  readonly machine: AnyFlowMachine;
}

let compiled: Promise<ExternalTransfer> | undefined;

/** Compiled once per test file (the compiler is not what these tests measure). */
export function externalTransfer(): Promise<ExternalTransfer> {
  compiled ??= compileFlowFile(FLOW).then((file) => ({ file, machine: machineOf(file, 'ExternalTransfer') }));
  return compiled;
}

/** The capture `name` (test/fixtures/traces/<name>.pcap, or .pcapng). */
export function captureOf(name: string): TraceRead {
  const pcap = join(REPO, TRACES, `${name}.pcap`);
  const path = existsSync(pcap) ? pcap : join(REPO, TRACES, `${name}.pcapng`);
  return readTrace(readFileSync(path), path.slice(REPO.length + 1));
}

export function hasDesktopLog(name: string): boolean {
  return existsSync(join(REPO, LOGS, `${name}.jsonl`));
}

/** The desktop log of the capture `name`: the agent's clicks (Consult, Transfer, CancelConsult) with their times. */
export function desktopLogOf(name: string): TraceRead {
  const path = join(LOGS, `${name}.jsonl`);
  return readTrace(readFileSync(join(REPO, path)), path);
}

/** The capture alone: commands the capture cannot show are assumed where their effects explain a message. */
export function replayCapture(flow: ExternalTransfer, name: string): SimulationResult {
  return simulate(flow.machine, captureOf(name), { input: INPUT, flowSource: flow.file.source });
}

/** The capture merged with its desktop log, nothing assumed: every command must come from the log. */
export function replayWithLog(flow: ExternalTransfer, name: string): SimulationResult {
  return simulate(flow.machine, mergeTraces([captureOf(name), desktopLogOf(name)]), {
    input: INPUT,
    flowSource: flow.file.source,
    strictCommands: true,
  });
}

/** The call's configurations in order, each as its innermost states (`CustomerDropped`, not `HandedOver,CustomerDropped`). */
export function statePath(result: SimulationResult): string[] {
  return statesVisited(result).map((configuration) => configuration[configuration.length - 1] ?? '');
}

/** What the flow side sent that an effect of the flow expected, in order: `takeover customer`, `hangup external`, ... */
export function sentByTheFlow(result: SimulationResult): string[] {
  return result.steps.flatMap((step) =>
    step.kind === 'sip' && step.outcome.kind === 'expected' ? [`${step.outcome.expectation.kind} ${step.outcome.expectation.leg}`] : [],
  );
}

/** Every emit, as `Name(value, ...)`, in order. */
export function emitsOf(result: SimulationResult): string[] {
  return result.steps.flatMap((step) =>
    step.effects.flatMap((e) => (e.kind === 'emit' ? [`${e.event}(${Object.values(e.payload).join(', ')})`] : [])),
  );
}

export function assumedCommands(result: SimulationResult): string[] {
  return result.assumed.map((a) => a.event);
}
