/**
 * `flowc simulate <flow.flow> <trace...>`: compile the flow in process,
 * replay each trace (a capture with the event logs paired to it) through
 * it, and report per trace and in total. Exit 0 when every trace passes,
 * 1 when one fails (or the flow does not compile), 2 on bad usage.
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { AnyFlowMachine } from '../../runtime/machine.js';
import { renderHtmlReport, renderTotals, renderTraceReport, simulationJson, type LadderMode, type ReportFlow } from '../../runtime/report/index.js';
import { writeJson } from '../write-json.js';
import { parseAddress, simulate, type SimulateOptions, type SimulationResult } from '../../runtime/simulate/index.js';
import type { OpenedTrace } from '../../runtime/trace/index.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../exit-codes.js';
import { loadFlow } from '../simulate-flow.js';
import { readInputs } from '../simulate-inputs.js';
import { pairTraces } from '../simulate-pairing.js';
import { traceInputs } from '../simulate-trace-inputs.js';
import { NO_PROGRESS, progressLine, type ProgressSink } from '../simulate-progress.js';
import { readAheadPolicy } from '../simulate-read-ahead.js';
import { readTraceGroup, unreadableFiles, wantsProgress } from '../simulate-trace-files.js';
import { describeFsError } from '../source-files.js';

export interface SimulateCommandOptions {
  readonly flow?: string;
  /** `--as`: the flow side's addresses. */
  readonly as: readonly string[];
  /** `--input name=value`, in order (later ones win). */
  readonly input: readonly string[];
  readonly inputs?: string;
  readonly strictCommands: boolean;
  readonly json: boolean;
  readonly report?: string;
  /** `--ladder` (true), `--no-ladder` (false), neither (undefined: auto). */
  readonly ladder?: boolean;
  readonly quiet: boolean;
  /** Colour in the report (stdout). */
  readonly color: boolean;
  /** Colour in compiler diagnostics (stderr). */
  readonly errorColor: boolean;
  /** A progress line on stderr is possible (stderr is a terminal). */
  readonly progress: boolean;
  /** `--no-read-ahead` (false): read every capture on the main thread. */
  readonly readAhead: boolean;
}

export async function runSimulate(flowPath: string, tracePaths: readonly string[], options: SimulateCommandOptions): Promise<number> {
  const badAddress = options.as.find((a) => parseAddress(a) === undefined);
  if (badAddress !== undefined) return usage(`--as \`${badAddress}\` is not an IP address or IP:port (e.g. 10.0.0.1, 10.0.0.1:5060, [fd00::1]:5060)`);
  const readAhead = readAheadPolicy(options.readAhead, process.env);
  if (typeof readAhead === 'string') return usage(readAhead);
  const missing = await unreadableFiles(tracePaths);
  if (missing.length > 0) {
    for (const m of missing) process.stderr.write(`error: cannot read \`${m.path}\`: ${m.reason}\n`);
    return EXIT_USAGE;
  }

  const groups = pairTraces(tracePaths);
  const progressFor = (name: string, bytes: number): ProgressSink =>
    wantsProgress(bytes, options.progress && !options.quiet) ? progressLine(process.stderr, name) : NO_PROGRESS;
  // The first group's files are opened, and a large capture's reader thread started, while the flow compiles:
  // the reader's start takes some 100 ms of a large capture's replay.
  const first = groups[0];
  const early = first === undefined ? undefined : readTraceGroup(first, progressFor, readAhead);
  // Awaited in the loop; a flow that fails to compile leaves it unread (and its reader stopped with the process).
  void early?.catch(() => undefined);

  const loaded = await loadFlow(flowPath, options.flow, options.errorColor);
  if (!loaded.ok) return loaded.exit;
  const { machine, text, warnings } = loaded.flow;
  if (warnings > 0 && !options.quiet && !options.json) {
    process.stderr.write(`note: ${machine.name} compiles with ${warnings} ${warnings === 1 ? 'warning' : 'warnings'} (\`flowc check ${flowPath}\` shows them)\n`);
  }

  let inputsFile: { name: string; text: string } | undefined;
  if (options.inputs !== undefined) {
    try {
      inputsFile = { name: options.inputs, text: await readFile(options.inputs, 'utf8') };
    } catch (error) {
      return usage(`cannot read \`${options.inputs}\`: ${describeFsError(error)}`);
    }
  }
  const inputs = readInputs(options.input, machine.inputs, inputsFile);
  if (!inputs.ok) return usage(inputs.message);

  const flow: ReportFlow = { description: machine, text };
  const ladder: LadderMode = options.ladder === undefined ? 'auto' : options.ladder ? 'all' : 'none';
  const simulateOptions: SimulateOptions = {
    ...(options.as.length === 0 ? {} : { as: options.as }),
    input: inputs.values,
    strictCommands: options.strictCommands,
    flowSource: text,
    // Only the terminal report reads the results, and of a long trace it shows a few steps: the rest need not be kept.
    steps: options.json || options.report !== undefined || ladder === 'all' ? 'all' : 'lean',
  };
  const results: SimulationResult[] = [];
  let unreadable = false;
  let crashed = false;
  for (const group of groups) {
    const primary = group.files[0];
    const ownInputs = primary === undefined ? { ok: true as const, values: inputs.values } : await traceInputs(primary, machine.inputs, inputs.values);
    if (!ownInputs.ok) {
      process.stderr.write(`error: ${ownInputs.message}\n`);
      unreadable = true;
      continue;
    }
    const read = await (group === first && early !== undefined ? early : readTraceGroup(group, progressFor, readAhead));
    if ('reason' in read) {
      process.stderr.write(`error: cannot read \`${read.path}\`: ${read.reason}\n`);
      unreadable = true;
      continue;
    }
    const result = replay(machine, read.trace, { ...simulateOptions, input: ownInputs.values }, progressFor(read.trace.name, read.bytes));
    if (result === undefined) {
      crashed = true;
      continue;
    }
    if (!options.json) {
      if (results.length > 0) process.stdout.write('\n');
      process.stdout.write(`${renderTraceReport(result, flow, { color: options.color, ladder, quiet: options.quiet })}\n`);
    }
    results.push(result);
  }

  if (options.json) writeJson(simulationJson(results, [flow]));
  else process.stdout.write(`\n${renderTotals(results, [flow], { color: options.color, quiet: options.quiet })}\n`);

  if (options.report !== undefined) {
    try {
      await writeFile(options.report, renderHtmlReport(results, [flow], { ladder }));
      if (!options.json && !options.quiet) process.stderr.write(`wrote ${options.report}\n`);
    } catch (error) {
      process.stderr.write(`error: cannot write \`${options.report}\`: ${describeFsError(error)}\n`);
      return EXIT_USAGE;
    }
  }
  if (unreadable) return EXIT_USAGE;
  return !crashed && results.every((r) => r.verdict === 'pass') ? EXIT_OK : EXIT_FAILED;
}

function replay(machine: AnyFlowMachine, trace: OpenedTrace, options: SimulateOptions, progress: ProgressSink): SimulationResult | undefined {
  // A trace read whole says how many items it replays; one read as it is replayed shows its reading progress instead.
  if (Array.isArray(trace.items)) progress.replaying(trace.items.length);
  try {
    return simulate(machine, trace, options);
  } catch (error) {
    // simulate() never throws on a trace by contract: an exception is a flowc bug. Say so, without a stack, and go on with the other traces.
    process.stderr.write(`error: replaying \`${trace.name}\` failed: ${error instanceof Error ? error.message : String(error)} (a flowc bug; please report it)\n`);
    return undefined;
  } finally {
    progress.done();
  }
}

function usage(message: string): number {
  process.stderr.write(`error: ${message}\n`);
  return EXIT_USAGE;
}
