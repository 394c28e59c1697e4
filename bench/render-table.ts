/** The human-readable report: one aligned table per section with its notes, then what is below target. */
import type { Figure, ResultRow, Target } from './result-row.js';

const COLUMNS = ['name', 'ours', 'peer', 'ratio', 'target', 'status'];

/** One section's table and notes; printed as soon as the section is done, so a long run shows progress. */
export function renderSection(rows: readonly ResultRow[]): string {
  const out: string[] = [];
  const body = rows.map(cells);
  const widths = COLUMNS.map((c, i) => Math.max(c.length, ...body.map((b) => (b[i] ?? '').length)));
  out.push(`== ${rows[0]?.section ?? ''}`);
  out.push(line(COLUMNS, widths));
  out.push(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const b of body) out.push(line(b, widths));
  const noted = rows.filter((r) => r.note !== undefined);
  if (noted.length > 0) {
    out.push('notes:');
    for (const r of noted) out.push(`  ${r.name.trim()}: ${r.note ?? ''}`);
  }
  return `${out.join('\n')}\n`;
}

export function renderSummary(rows: readonly ResultRow[]): string {
  const below = rows.filter((r) => r.verdict === 'below');
  const failed = rows.filter((r) => r.verdict === 'error');
  const lines = [below.length === 0 ? 'every judged figure meets its target' : `below target: ${below.map((r) => r.name.trim()).join('; ')}`];
  if (failed.length > 0) lines.push(`did not run: ${failed.map((r) => r.section).join('; ')}`);
  return `${lines.join('\n')}\n`;
}

/** Every section's table (grouped by section, in first-seen order) and the summary. */
export function renderTable(rows: readonly ResultRow[], header: string): string {
  const sections = [...new Set(rows.map((r) => r.section))];
  return [`${header}\n`, ...sections.map((s) => renderSection(rows.filter((r) => r.section === s))), renderSummary(rows)].join('\n');
}

function cells(row: ResultRow): string[] {
  return [
    row.name,
    row.ours === undefined ? '—' : formatFigure(row.ours),
    row.peer === undefined ? '—' : formatFigure(row.peer),
    row.ratio === undefined ? '—' : `${formatNumber(row.ratio)}x`,
    row.target === undefined ? '' : formatTarget(row.target, row.ours?.unit),
    row.verdict,
  ];
}

function line(cellsOfRow: readonly string[], widths: readonly number[]): string {
  return cellsOfRow
    .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
    .join('  ')
    .trimEnd();
}

export function formatFigure(figure: Figure): string {
  return `${formatNumber(figure.value)} ${figure.unit}`;
}

function formatTarget(target: Target, unit: string | undefined): string {
  switch (target.kind) {
    case 'ratio>=':
      return `>= ${formatNumber(target.value)}x`;
    case 'ours<=':
      return `<= ${formatNumber(target.value)} ${unit ?? ''}`.trimEnd();
    case 'ours>=':
      return `>= ${formatNumber(target.value)} ${unit ?? ''}`.trimEnd();
  }
}

/** Three significant digits, thousands separated: 1,234,000 / 12.3 / 0.0123. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString('en-US');
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  return value.toPrecision(3);
}
