/**
 * `npm run bench`: flowc's speed figures, each beside a peer measured in the
 * same run where there is one. See bench/README.md for what each row means.
 * A section that fails reports one `error` row; the others still run.
 */
import type { AnyFlowMachine } from '../runtime/machine.js';
import { loadExternalTransfer } from './external-transfer-machine.js';
import { machineNote } from './machine-note.js';
import { parseOptions, USAGE, type BenchOptions } from './options.js';
import { renderSection, renderSummary } from './render-table.js';
import { errorRow, type ResultRow } from './result-row.js';
import { cliRows } from './sections/cli.js';
import { compileRows } from './sections/compile.js';
import { dispatchRows } from './sections/dispatch.js';
import { liveRows } from './sections/live.js';
import { replayRows } from './sections/replay.js';

async function main(): Promise<number> {
  const parsed = parseOptions(process.argv.slice(2));
  if (typeof parsed === 'string') {
    process.stderr.write(parsed === 'help' ? `${USAGE}\n` : `bench: ${parsed}\n${USAGE}\n`);
    return parsed === 'help' ? 0 : 2;
  }
  const options: BenchOptions = parsed;
  const before = machineNote(options);
  if (!options.json) process.stdout.write(`${before.summary}\n\n`);
  const rows: ResultRow[] = [];
  let machine: Promise<AnyFlowMachine> | undefined;
  const externalTransfer = (): Promise<AnyFlowMachine> => (machine ??= loadExternalTransfer());
  const section = async (key: string, title: string, produce: () => Promise<ResultRow[]> | ResultRow[]): Promise<void> => {
    if (options.only.length > 0 && !options.only.includes(key)) return;
    if (!options.json) process.stderr.write(`bench: ${key}...\n`);
    let produced: ResultRow[];
    try {
      produced = await produce();
    } catch (error) {
      produced = [errorRow(title, error)];
    }
    rows.push(...produced);
    if (!options.json) process.stdout.write(`${renderSection(produced)}\n`);
  };
  await section('dispatch', 'dispatch', async () => dispatchRows(await externalTransfer(), options));
  await section('compile', 'compile', () => compileRows(options));
  await section('cli', 'cli (cold processes)', () => cliRows(options));
  await section('replay', 'replay', async () => replayRows(await externalTransfer(), options));
  await section('live', 'live', () => liveRows(options, (line) => (options.json ? undefined : process.stderr.write(`bench: ${line}\n`))));
  const after = machineNote(options);
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ machine: { before, after }, options, rows }, null, 2)}\n`);
  } else {
    process.stdout.write(`load average at the end: ${after.loadAverage.map((l) => l.toFixed(2)).join(' ')}\n${renderSummary(rows)}`);
  }
  return rows.some((r) => r.verdict === 'error') ? 1 : 0;
}

process.exitCode = await main();
