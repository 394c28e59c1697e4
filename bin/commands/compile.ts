/**
 * `flowc compile <paths...>`: check and generate `Name.flow.ts/.js/.d.ts`.
 * Only outputs whose content changed are rewritten, so builds stay incremental.
 */
import { watch } from 'node:fs';
import { compile } from '../../compiler/compile.js';
import type { GeneratedKind } from '../../compiler/compile.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../exit-codes.js';
import { failed, printDiagnostics } from '../diagnostics-output.js';
import type { DiagnosticFormat } from '../diagnostics-output.js';
import { collectSources, writeIfChanged } from '../source-files.js';

export interface CompileCommandOptions {
  readonly outDir?: string;
  readonly format: DiagnosticFormat;
  readonly strict: boolean;
  readonly color: boolean;
  readonly kinds: readonly GeneratedKind[];
  readonly watch: boolean;
}

async function compileOnce(paths: readonly string[], options: CompileCommandOptions): Promise<number> {
  const { sources, problems } = await collectSources(paths);
  for (const p of problems) process.stderr.write(`error: cannot read \`${p.path}\`: ${p.reason}\n`);
  if (sources.length === 0 && problems.length === 0) {
    process.stderr.write('error: no `.flow` files found in the given paths\n');
    return EXIT_USAGE;
  }
  const result = await compile(sources, { kinds: options.kinds, ...(options.outDir === undefined ? {} : { outDir: options.outDir }) });
  const written: string[] = [];
  const unchanged: string[] = [];
  for (const file of result.files) {
    if (await writeIfChanged(file.path, file.text)) written.push(file.path);
    else unchanged.push(file.path);
  }
  printDiagnostics({
    diagnostics: result.diagnostics,
    sources,
    format: options.format,
    color: options.color,
    extra: { written, unchanged },
  });
  if (options.format === 'text') {
    const flows = new Set(result.files.map((f) => f.flow)).size;
    process.stderr.write(`compiled ${flows} flow${flows === 1 ? '' : 's'} from ${sources.length} file${sources.length === 1 ? '' : 's'}: ${written.length} written, ${unchanged.length} unchanged\n`);
  }
  if (problems.length > 0) return EXIT_USAGE;
  return failed(result.diagnostics, options.strict) ? EXIT_FAILED : EXIT_OK;
}

export async function runCompile(paths: readonly string[], options: CompileCommandOptions): Promise<number> {
  const code = await compileOnce(paths, options);
  if (!options.watch) return code;
  // Watch mode: recompile on any change below the given paths; debounce bursts of saves.
  let timer: NodeJS.Timeout | undefined;
  const rerun = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      process.stderr.write('\n[watch] change detected, recompiling\n');
      void compileOnce(paths, options);
    }, 100);
  };
  for (const path of paths) watch(path, { recursive: true }, rerun);
  process.stderr.write('[watch] watching for changes (Ctrl-C to stop)\n');
  return new Promise<number>(() => undefined);
}
