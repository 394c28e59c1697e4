/** The last line of a run: how many errors and warnings were emitted. */
import type { Diagnostic } from '../grammar/diagnostic.js';
import { renderStyle } from './render-style.js';

export interface DiagnosticCounts {
  readonly errors: number;
  readonly warnings: number;
}

export function countDiagnostics(diagnostics: readonly Diagnostic[]): DiagnosticCounts {
  let errors = 0;
  for (const d of diagnostics) if (d.severity === 'error') errors++;
  return { errors, warnings: diagnostics.length - errors };
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `error: 2 errors, 1 warning emitted`, `warning: 1 warning emitted`, or '' when there is nothing to say. */
export function renderSummary(counts: DiagnosticCounts, options: { readonly color: boolean } = { color: false }): string {
  const style = renderStyle(options.color);
  if (counts.errors > 0) {
    const warnings = counts.warnings > 0 ? `, ${plural(counts.warnings, 'warning')}` : '';
    return `${style.severity('error', 'error')}${style.bold(`: ${plural(counts.errors, 'error')}${warnings} emitted`)}`;
  }
  if (counts.warnings > 0) return `${style.severity('warning', 'warning')}${style.bold(`: ${plural(counts.warnings, 'warning')} emitted`)}`;
  return '';
}
