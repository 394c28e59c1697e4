/** Prints diagnostics the way the user asked: rustc-style text on stderr, or JSON on stdout. */
import type { Diagnostic } from '../grammar/diagnostic.js';
import type { Source } from '../grammar/source.js';
import { countDiagnostics, renderDiagnostic, renderSummary, toJson } from '../compiler/render.js';

export type DiagnosticFormat = 'text' | 'json';

export interface DiagnosticReport {
  readonly diagnostics: readonly Diagnostic[];
  readonly sources: readonly Source[];
  readonly format: DiagnosticFormat;
  readonly color: boolean;
  /** Extra JSON fields (files written, etc.) for `--format json`. */
  readonly extra?: Readonly<Record<string, unknown>>;
}

export function printDiagnostics(report: DiagnosticReport): void {
  const { diagnostics, sources, format, color } = report;
  if (format === 'json') {
    const counts = countDiagnostics(diagnostics);
    process.stdout.write(`${JSON.stringify({ diagnostics: toJson(diagnostics), ...counts, ...report.extra }, null, 2)}\n`);
    return;
  }
  const textOf = new Map(sources.map((s) => [s.path, s.text]));
  const sourceOf = (path: string): string | undefined => textOf.get(path);
  for (const d of diagnostics) {
    process.stderr.write(`${renderDiagnostic(d, textOf.get(d.path) ?? '', { color, sourceOf })}\n\n`);
  }
  const summary = renderSummary(countDiagnostics(diagnostics), { color });
  if (summary !== '') process.stderr.write(`${summary}\n`);
}

export function failed(diagnostics: readonly Diagnostic[], strict: boolean): boolean {
  return diagnostics.some((d) => d.severity === 'error' || (strict && d.severity === 'warning'));
}
