/**
 * `flowc compile <paths...>`: check and generate `Name.flow.ts/.js/.d.ts`.
 * Only outputs whose content changed are rewritten, so builds stay incremental.
 */
import { watch } from 'node:fs';
import { compile } from '../../compiler/compile.js';
import type { GeneratedFile, GeneratedKind } from '../../compiler/compile.js';
import type { TypecheckResult } from '../../compiler/typecheck.js';
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
  /** Type-check the generated `.ts`/`.d.ts` with TypeScript (loads ts-morph). */
  readonly typecheck: boolean;
}

async function compileOnce(paths: readonly string[], options: CompileCommandOptions): Promise<number> {
  const { sources, problems } = await collectSources(paths);
  for (const p of problems) process.stderr.write(`error: cannot read \`${p.path}\`: ${p.reason}\n`);
  if (sources.length === 0 && problems.length === 0) {
    process.stderr.write('error: no `.flow` files found in the given paths\n');
    return EXIT_USAGE;
  }
  const result = await compile(sources, { kinds: options.kinds, ...(options.outDir === undefined ? {} : { outDir: options.outDir }) });
  const typechecked = options.typecheck ? await typecheck(result.files, options.format) : undefined;
  const diagnostics = typechecked === undefined ? result.diagnostics : [...result.diagnostics, ...typechecked.diagnostics];
  const written: string[] = [];
  const unchanged: string[] = [];
  for (const file of result.files) {
    if (await writeIfChanged(file.path, file.text)) written.push(file.path);
    else unchanged.push(file.path);
  }
  printDiagnostics({
    diagnostics,
    // Type errors point into generated files: their text gives the code frames.
    sources: typechecked === undefined ? sources : [...sources, ...result.files],
    format: options.format,
    color: options.color,
    extra: { written, unchanged, ...(typechecked === undefined ? {} : { typechecked: typechecked.checked }) },
  });
  if (options.format === 'text') {
    const flows = new Set(result.files.map((f) => f.flow)).size;
    const checked = typechecked === undefined ? '' : `; ${typechecked.checked} type-checked, ${typechecked.diagnostics.length === 0 ? 'no errors' : `${typechecked.diagnostics.length} error${typechecked.diagnostics.length === 1 ? '' : 's'}`}`;
    process.stderr.write(`compiled ${flows} flow${flows === 1 ? '' : 's'} from ${sources.length} file${sources.length === 1 ? '' : 's'}: ${written.length} written, ${unchanged.length} unchanged${checked}\n`);
  }
  if (problems.length > 0) return EXIT_USAGE;
  return failed(diagnostics, options.strict) ? EXIT_FAILED : EXIT_OK;
}

async function typecheck(files: readonly GeneratedFile[], format: DiagnosticFormat): Promise<TypecheckResult> {
  const typed = files.filter((f) => f.kind !== 'js').length;
  // Loading TypeScript and reading the runtime's types takes a second or two: say why the wait.
  if (format === 'text' && typed > 0) process.stderr.write(`type-checking ${typed} generated file${typed === 1 ? '' : 's'} with TypeScript...\n`);
  const { typecheckGenerated } = await import('../../compiler/typecheck.js');
  return typecheckGenerated(files);
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
