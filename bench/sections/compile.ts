/**
 * Section 2a: compile throughput. Parse+check of a generated flow in this
 * process (warm, median of rounds), then full compiles (ts + js, no
 * TypeScript type-check) of the generated flow and of flows/ in fresh
 * processes: cold (first compile, module load counted) and warm (second
 * compile in the same process). Where a figure is over target, and always
 * for flows/, rows below it say where the time went.
 */
import { fileURLToPath } from 'node:url';
import { check } from '../../compiler/check.js';
import { parseFlowFile } from '../../grammar/parse.js';
import { runNode } from '../child-process.js';
import type { CompileWorkerReport, Spent } from '../compile-worker.js';
import { generateFlow, lineCount } from '../flow-generator.js';
import type { BenchOptions } from '../options.js';
import { repoRoot } from '../repo-root.js';
import { judged, type ResultRow } from '../result-row.js';
import { median } from '../stats.js';
import { BEST_OF, timeSync } from '../timing.js';

const SECTION = 'compile';

export async function compileRows(options: BenchOptions): Promise<ResultRow[]> {
  const text = generateFlow(options.generatedLines);
  const lines = lineCount(text);
  const megabytes = Buffer.byteLength(text) / 1e6;
  const label = `${lines.toLocaleString('en-US')}-line flow (${megabytes.toFixed(2)} MB)`;
  const rows: ResultRow[] = [parseCheckRow(text, label, megabytes, options)];

  const generated = workerRuns(['--generated', String(options.generatedLines)], options);
  rows.push(...compileFigures(`full compile, ${label}`, generated, 2000, false));
  const flows = workerRuns(['--dir', 'flows'], options);
  // flows/ always gets its breakdown: it is what a cold `flowc compile` of one flow pays (see the cli section).
  rows.push(...compileFigures(`full compile, flows/ (${flows[0]?.files ?? 0} file${flows[0]?.files === 1 ? '' : 's'})`, flows, undefined, true));
  return rows;
}

function parseCheckRow(text: string, label: string, megabytes: number, options: BenchOptions): ResultRow {
  const rates: number[] = [];
  const cpuRates: number[] = [];
  let errors = 0;
  const rounds = Math.max(3, Math.min(options.rounds, 5));
  // Round 0 warms the JIT and is not counted.
  for (let round = 0; round <= rounds; round++) {
    const timed = timeSync(() => {
      const parsed = parseFlowFile({ path: 'generated.flow', text });
      errors = [...parsed.diagnostics, ...check(parsed.file)].filter((d) => d.severity === 'error').length;
    });
    if (round === 0) continue;
    rates.push(megabytes / (timed.wallMs / 1000));
    cpuRates.push(megabytes / (timed.cpuMs / 1000));
  }
  if (errors > 0) throw new Error(`bench: the generated flow has ${errors} errors`);
  return judged({
    section: SECTION,
    name: `parse+check, ${label}`,
    ours: { value: Math.max(median(cpuRates), median(rates)), unit: 'MB/s' },
    target: { kind: 'ours>=', value: 1 },
    note: `${BEST_OF} (CPU ${median(cpuRates).toFixed(2)}, wall ${median(rates).toFixed(2)} MB/s); warm, median of ${rounds}`,
  });
}

function workerRuns(args: readonly string[], options: BenchOptions): CompileWorkerReport[] {
  const worker = fileURLToPath(new URL('../compile-worker.js', import.meta.url));
  const reports: CompileWorkerReport[] = [];
  const runs = Math.max(1, Math.min(options.processes, 3));
  for (let i = 0; i < runs; i++) {
    const run = runNode([worker, ...args], repoRoot());
    if (run.status !== 0) throw new Error(`bench: compile worker ${args.join(' ')} failed (${String(run.status)}): ${run.stderr.slice(0, 2000)}`);
    const report = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as CompileWorkerReport;
    if (report.errors > 0) throw new Error(`bench: compile worker ${args.join(' ')}: ${report.errors} errors`);
    reports.push(report);
  }
  return reports;
}

type Pick = (r: CompileWorkerReport) => Spent;

function compileFigures(name: string, reports: readonly CompileWorkerReport[], targetMs: number | undefined, explain: boolean): ResultRow[] {
  const load = (r: CompileWorkerReport): Spent => sum(r.load.grammar, r.load.compiler);
  const cold = spentMedian(reports, (r) => sum(load(r), r.cold));
  const warm = spentMedian(reports, (r) => r.warm);
  const target = targetMs === undefined ? undefined : ({ kind: 'ours<=', value: targetMs } as const);
  const rows: ResultRow[] = [
    judged({
      section: SECTION,
      name: `${name}: cold`,
      ours: { value: Math.min(cold.cpu, cold.wall), unit: 'ms' },
      ...(target === undefined ? {} : { target }),
      note: `${BEST_OF} (CPU ${cold.cpu.toFixed(0)}, wall ${cold.wall.toFixed(0)} ms); fresh process, module load included, median of ${reports.length}; ts + js, no type-check`,
    }),
    judged({
      section: SECTION,
      name: `${name}: warm`,
      ours: { value: Math.min(warm.cpu, warm.wall), unit: 'ms' },
      ...(target === undefined ? {} : { target }),
      note: `${BEST_OF} (CPU ${warm.cpu.toFixed(0)}, wall ${warm.wall.toFixed(0)} ms); second compile() in the same process`,
    }),
  ];
  if (explain || (targetMs !== undefined && (Math.min(cold.cpu, cold.wall) > targetMs || Math.min(warm.cpu, warm.wall) > targetMs))) {
    const part = (label: string, pick: Pick): ResultRow => {
      const spent = spentMedian(reports, pick);
      return judged({ section: SECTION, name: `  where: ${label}`, ours: { value: spent.cpu, unit: 'ms' }, note: `CPU time (wall ${spent.wall.toFixed(0)} ms)` });
    };
    rows.push(
      part('load grammar (with chevrotain)', (r) => r.load.grammar),
      part('load compiler', (r) => r.load.compiler),
      part('cold compile() after loading', (r) => r.cold),
      part('warm parse', (r) => r.phases.parse),
      part('warm check', (r) => r.phases.check),
      part('warm lower', (r) => r.phases.lower),
      part('warm emit .ts + .js (one walk)', (r) => r.phases.emit),
    );
  }
  return rows;
}

function sum(...parts: Spent[]): Spent {
  return { wall: parts.reduce((n, p) => n + p.wall, 0), cpu: parts.reduce((n, p) => n + p.cpu, 0) };
}

function spentMedian(reports: readonly CompileWorkerReport[], pick: Pick): Spent {
  return { wall: median(reports.map((r) => pick(r).wall)), cpu: median(reports.map((r) => pick(r).cpu)) };
}
