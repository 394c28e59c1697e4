/**
 * Run in a fresh process by the compile section: times module loading and
 * the first (cold) and second (warm) compile of the given sources, then a
 * warm phase split. Prints one JSON line (CompileWorkerReport) on stdout.
 *
 * usage: node dist/bench/compile-worker.js --generated <lines> | --dir <path>
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Source } from '../grammar/source.js';
import { generateFlow } from './flow-generator.js';
import { repoRoot } from './repo-root.js';

/** Wall and CPU milliseconds of one step. */
export interface Spent {
  readonly wall: number;
  readonly cpu: number;
}

export interface CompileWorkerReport {
  readonly bytes: number;
  readonly files: number;
  /**
   * Importing each module, in this order (the compiler includes what the grammar did not load). The grammar
   * brings chevrotain the way it loads it (grammar/chevrotain-runtime.ts), so it is not imported here.
   */
  readonly load: { readonly grammar: Spent; readonly compiler: Spent };
  /** The first compile() in the process, modules already loaded (JIT cold). */
  readonly cold: Spent;
  readonly warm: Spent;
  /**
   * Warm split: parse, check, lower (compileToModels minus the two), emit
   * (emitFlow over the models, timed on its own: the .ts and .js written in one walk).
   */
  readonly phases: { readonly parse: Spent; readonly check: Spent; readonly lower: Spent; readonly emit: Spent };
  readonly errors: number;
}

async function timed<T>(run: () => Promise<T> | T): Promise<[T, Spent]> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await run();
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return [value, { wall, cpu: (used.user + used.system) / 1000 }];
}

function minus(a: Spent, ...rest: Spent[]): Spent {
  let { wall, cpu } = a;
  for (const r of rest) {
    wall -= r.wall;
    cpu -= r.cpu;
  }
  return { wall: Math.max(0, wall), cpu: Math.max(0, cpu) };
}

function sourcesOf(argv: readonly string[]): Source[] {
  if (argv[0] === '--generated') return [{ path: 'generated.flow', text: generateFlow(Number(argv[1] ?? '10000')) }];
  if (argv[0] === '--dir') {
    const root = repoRoot();
    const found: Source[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir).sort()) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (name.endsWith('.flow')) found.push({ path: relative(root, path), text: readFileSync(path, 'utf8') });
      }
    };
    walk(join(root, argv[1] ?? 'flows'));
    return found;
  }
  throw new Error('usage: compile-worker --generated <lines> | --dir <path>');
}

async function main(): Promise<void> {
  const sources = sourcesOf(process.argv.slice(2));
  const [grammar, grammarMs] = await timed(() => import('../grammar/parse.js'));
  const [compiler, compilerMs] = await timed(() => import('../compiler/index.js'));
  const [result, cold] = await timed(() => compiler.compile(sources, { kinds: ['ts', 'js'] }));
  const [, warm] = await timed(() => compiler.compile(sources, { kinds: ['ts', 'js'] }));
  const [parsed, parse] = await timed(() => sources.map((s) => grammar.parseFlowFile(s)));
  const [, check] = await timed(() => parsed.map((p) => compiler.check(p.file)));
  const [models, front] = await timed(() => compiler.compileToModels(sources));
  // Already loaded with the compiler (imported here, not above, so the load figures stay as a user pays them).
  const { emitFlow } = await import('../compiler/emit/emitFlow.js');
  const [, emit] = await timed(() => models.models.map(({ model }) => emitFlow(model, new Set(['ts', 'js']))));
  const report: CompileWorkerReport = {
    bytes: sources.reduce((n, s) => n + Buffer.byteLength(s.text), 0),
    files: sources.length,
    load: { grammar: grammarMs, compiler: compilerMs },
    cold,
    warm,
    phases: { parse, check, lower: minus(front, parse, check), emit },
    errors: result.diagnostics.filter((d) => d.severity === 'error').length,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

await main();
