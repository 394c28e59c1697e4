/**
 * Diagnostics for humans, rustc style: a header, the location, a code frame
 * with the primary span underlined `^^^` and its label, related spans in
 * `:::` frames underlined `---`, then `= help:`. Rendering happens only at
 * the edge (bin/); colour only when asked. Lines are cut from the source by
 * the span's offset, so rendering many diagnostics of a big file stays linear.
 */
import type { Diagnostic } from '../grammar/diagnostic.js';
import type { Span } from '../grammar/source.js';
import { renderStyle } from './render-style.js';
import type { RenderStyle } from './render-style.js';

export { countDiagnostics, renderSummary } from './render-summary.js';
export type { DiagnosticCounts } from './render-summary.js';
export { toJson } from './render-json.js';
export type { JsonDiagnostic, JsonRelated } from './render-json.js';

export interface RenderOptions {
  readonly color: boolean;
  /** Source text of other files that related spans point into; without it they are shown as notes. */
  readonly sourceOf?: (path: string) => string | undefined;
}

const TAB = '    ';

interface Frame {
  readonly span: Span;
  readonly text: string | undefined;
}

export function renderDiagnostic(d: Diagnostic, sourceText: string, options: RenderOptions): string {
  const style = renderStyle(options.color);
  const textOf = (path: string): string | undefined => (path === d.path ? sourceText : options.sourceOf?.(path));
  const related: Frame[] = d.related.map((r) => ({ span: r.span, text: textOf(r.path) }));
  const width = Math.max(String(d.span.start.line).length, ...related.map((r) => String(r.span.start.line).length));
  const pad = ' '.repeat(width);
  const gutter = style.accent(`${pad} |`);
  const out: string[] = [
    `${style.severity(d.severity, `${d.severity}[${d.code}]`)}${style.bold(`: ${d.message}`)}`,
    `${pad}${style.accent('-->')} ${location(d.path, d.span)}`,
    gutter,
    ...frame({ span: d.span, text: sourceText }, width, '^', d.label, (s) => style.severity(d.severity, s), style),
  ];
  d.related.forEach((r, i) => {
    const f = related[i];
    out.push(gutter, `${pad}${style.accent(':::')} ${location(r.path, r.span)}`);
    if (f?.text === undefined) {
      out.push(`${pad} ${style.accent('=')} ${style.bold('note')}: ${r.label}`);
      return;
    }
    out.push(gutter, ...frame(f, width, '-', r.label, style.accent, style));
  });
  if (d.help !== undefined) out.push(gutter, `${pad} ${style.accent('=')} ${style.bold('help')}: ${d.help}`);
  return out.join('\n');
}

function location(path: string, span: Span): string {
  return `${path}:${span.start.line}:${span.start.column}`;
}

/** The source line of a span and its underline; nothing when the span lies outside the text. */
function frame(
  f: Frame,
  width: number,
  mark: string,
  label: string | undefined,
  paint: (s: string) => string,
  style: RenderStyle,
): string[] {
  const text = f.text;
  const start = f.span.start.offset;
  if (text === undefined || start < 0 || start > text.length) return [];
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const newline = text.indexOf('\n', start);
  const lineEnd = newline < 0 ? text.length : newline;
  const line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
  const before = line.slice(0, start - lineStart).replaceAll('\t', TAB);
  const end = Math.min(f.span.end.offset, lineStart + line.length);
  // A multi-line span is underlined to the end of its first line; an empty one gets a single mark.
  const marked = line.slice(start - lineStart, Math.max(end - lineStart, start - lineStart)).replaceAll('\t', TAB);
  const underline = mark.repeat(Math.max(1, marked.length));
  const number = String(f.span.start.line).padStart(width);
  return [
    `${style.accent(`${number} |`)} ${line.replaceAll('\t', TAB)}`.trimEnd(),
    `${style.accent(`${' '.repeat(width)} |`)} ${' '.repeat(before.length)}${paint(label === undefined ? underline : `${underline} ${label}`)}`,
  ];
}
