/** `flowc check <paths...>`: parse and check only (no code generation, no ts-morph). */
import { compileToModels } from '../../compiler/compile.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../exit-codes.js';
import { failed, printDiagnostics } from '../diagnostics-output.js';
import type { DiagnosticFormat } from '../diagnostics-output.js';
import { collectSources } from '../source-files.js';

export interface CheckOptions {
  readonly format: DiagnosticFormat;
  readonly strict: boolean;
  readonly color: boolean;
}

export async function runCheck(paths: readonly string[], options: CheckOptions): Promise<number> {
  const { sources, problems } = await collectSources(paths);
  for (const p of problems) process.stderr.write(`error: cannot read \`${p.path}\`: ${p.reason}\n`);
  if (sources.length === 0 && problems.length === 0) {
    process.stderr.write('error: no `.flow` files found in the given paths\n');
    return EXIT_USAGE;
  }
  const { diagnostics, models } = compileToModels(sources);
  printDiagnostics({ diagnostics, sources, format: options.format, color: options.color, extra: { flows: models.map((m) => m.model.name) } });
  if (problems.length > 0) return EXIT_USAGE;
  return failed(diagnostics, options.strict) ? EXIT_FAILED : EXIT_OK;
}
