/**
 * `flowc graph <file>`: the statechart of each flow in a `.flow` file, as
 * Mermaid, Graphviz DOT or SVG, on stdout or in the file `-o` names.
 */
import { readFile } from 'node:fs/promises';
import { compileToModels } from '../../compiler/compile.js';
import { formatOfPath, renderGraph } from '../../compiler/graph/graph-format.js';
import type { GraphFormat } from '../../compiler/graph/graph-format.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../exit-codes.js';
import { failed, printDiagnostics } from '../diagnostics-output.js';
import { describeFsError, writeIfChanged } from '../source-files.js';

/** What bin/flowc.ts reports for an exception: a flowc bug, not bad input (EX_SOFTWARE). */
const EXIT_INTERNAL = 70;

export interface GraphOptions {
  /** Only this flow; default: every flow in the file. */
  readonly flow?: string;
  /** Default: from the extension of `out`, else mermaid. */
  readonly format?: GraphFormat;
  /** Output file; default: stdout. */
  readonly out?: string;
  readonly color: boolean;
}

export async function runGraph(path: string, options: GraphOptions): Promise<number> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    process.stderr.write(`error: cannot read \`${path}\`: ${describeFsError(error)}\n`);
    return EXIT_USAGE;
  }
  const sources = [{ path, text }];
  const { diagnostics, models } = compileToModels(sources);
  if (failed(diagnostics, false)) {
    printDiagnostics({ diagnostics, sources, format: 'text', color: options.color });
    return EXIT_FAILED;
  }
  const names = models.map((m) => m.model.name);
  const chosen = options.flow === undefined ? models : models.filter((m) => m.model.name === options.flow);
  if (chosen.length === 0) {
    const known = names.length === 0 ? 'it has no flows' : `its flows: ${names.join(', ')}`;
    process.stderr.write(options.flow === undefined ? `error: \`${path}\` has no flows to draw\n` : `error: no flow \`${options.flow}\` in \`${path}\` (${known})\n`);
    return options.flow === undefined ? EXIT_FAILED : EXIT_USAGE;
  }
  const format = options.format ?? (options.out === undefined ? undefined : formatOfPath(options.out)) ?? 'mermaid';
  const graph = await renderGraph(
    chosen.map((m) => m.model),
    format,
  );
  if (!graph.ok) {
    process.stderr.write(`internal error: Graphviz could not draw the generated DOT: ${graph.message}\nplease report this with the command you ran\n`);
    return EXIT_INTERNAL;
  }
  if (options.out === undefined) {
    process.stdout.write(graph.text);
    return EXIT_OK;
  }
  try {
    await writeIfChanged(options.out, graph.text);
  } catch (error) {
    process.stderr.write(`error: cannot write \`${options.out}\`: ${describeFsError(error)}\n`);
    return EXIT_USAGE;
  }
  return EXIT_OK;
}
