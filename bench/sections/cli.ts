/**
 * Section 2b: the command line as a user meets it — whole cold processes of
 * `flowc compile one.flow` and `flowc check one.flow` (median of N), beside
 * two baselines that say where a slow start goes: bare `node` and
 * `flowc --version` (node + commander, no compiler loaded).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runNode, type ChildRun } from '../child-process.js';
import { EXTERNAL_TRANSFER_PATH } from '../external-transfer-machine.js';
import type { BenchOptions } from '../options.js';
import { repoRoot } from '../repo-root.js';
import { judged, type ResultRow } from '../result-row.js';
import { median } from '../stats.js';
import { BEST_OF } from '../timing.js';

const SECTION = 'cli (cold processes)';

export function cliRows(options: BenchOptions): ResultRow[] {
  const root = repoRoot();
  const flowc = join(root, 'dist', 'bin', 'flowc.js');
  const out = mkdtempSync(join(tmpdir(), 'flowc-bench-'));
  try {
    const runs = options.processes;
    const node = timesOf(runs, () => runNode(['-e', '0'], root), 'node -e 0');
    const version = timesOf(runs, () => runNode([flowc, '--version'], root), 'flowc --version');
    const compile = timesOf(runs, () => runNode([flowc, 'compile', EXTERNAL_TRANSFER_PATH, '--out-dir', out], root), 'flowc compile');
    const checked = timesOf(runs, () => runNode([flowc, 'check', EXTERNAL_TRANSFER_PATH], root), 'flowc check');
    const ms = (t: Times): number => Math.min(t.cpuMs ?? t.wallMs, t.wallMs);
    const note = (t: Times): string => `${t.cpuMs === undefined ? 'wall time' : `${BEST_OF} (CPU ${t.cpuMs.toFixed(0)}, wall ${t.wallMs.toFixed(0)} ms)`}, median of ${runs}`;
    return [
      judged({ section: SECTION, name: `flowc compile ${EXTERNAL_TRANSFER_PATH}`, ours: { value: ms(compile), unit: 'ms' }, target: { kind: 'ours<=', value: 1000 }, note: `${note(compile)}; aim 300 ms; default --emit ts,js,d.ts` }),
      judged({ section: SECTION, name: `flowc check ${EXTERNAL_TRANSFER_PATH}`, ours: { value: ms(checked), unit: 'ms' }, target: { kind: 'ours<=', value: 1000 }, note: note(checked) }),
      judged({ section: SECTION, name: '  baseline: flowc --version (node + commander)', ours: { value: ms(version), unit: 'ms' }, note: note(version) }),
      judged({ section: SECTION, name: '  baseline: node -e 0', ours: { value: ms(node), unit: 'ms' }, note: note(node) }),
    ];
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

interface Times {
  readonly wallMs: number;
  readonly cpuMs: number | undefined;
}

function timesOf(runs: number, run: () => ChildRun, what: string): Times {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = run();
    if (r.status !== 0) throw new Error(`bench: \`${what}\` exited ${String(r.status)}: ${r.stderr.slice(0, 2000)}`);
    wall.push(r.wallMs);
    if (r.cpuMs !== undefined) cpu.push(r.cpuMs);
  }
  return { wallMs: median(wall), cpuMs: cpu.length === runs ? median(cpu) : undefined };
}
