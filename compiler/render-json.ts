/**
 * Diagnostics as JSON for `--json`: a stable shape (keys always present, in
 * this order; `null` for absent label/help), 1-based lines and columns, the
 * end exclusive as in the spans.
 */
import type { Diagnostic, Severity } from '../grammar/diagnostic.js';
import type { Span } from '../grammar/source.js';

export interface JsonRange {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export interface JsonRelated extends JsonRange {
  readonly label: string;
}

export interface JsonDiagnostic extends JsonRange {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly label: string | null;
  readonly related: readonly JsonRelated[];
  readonly help: string | null;
}

function range(file: string, span: Span): JsonRange {
  return { file, line: span.start.line, column: span.start.column, endLine: span.end.line, endColumn: span.end.column };
}

export function toJson(diagnostics: readonly Diagnostic[]): JsonDiagnostic[] {
  return diagnostics.map((d) => ({
    code: d.code,
    severity: d.severity,
    message: d.message,
    ...range(d.path, d.span),
    label: d.label ?? null,
    related: d.related.map((r) => ({ ...range(r.path, r.span), label: r.label })),
    help: d.help ?? null,
  }));
}
