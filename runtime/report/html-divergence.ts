/** The first divergence as an HTML box: what it means, where, expected against actual, and the `.flow` line quoted. */
import type { Divergence, SimulationResult } from '../simulate/index.js';
import { divergencePhrase } from './divergence-reason.js';
import { escapeHtml } from './html-escape.js';
import { leafStates, sourceLine, type ReportFlow } from './report-flow.js';
import { secondsSince, traceOrigin, wallClock } from './trace-time.js';

export function renderDivergenceHtml(result: SimulationResult, d: Divergence, flow: ReportFlow): string {
  const clock = wallClock(d.time);
  const where = [`frame ${d.frame}`, `${secondsSince(d.time, traceOrigin(result.steps))} s${clock === undefined ? '' : ` (${clock})`}`];
  if (d.call !== undefined) where.push(`call ${d.call}`);
  const states = leafStates(flow, d.configuration);
  if (states.length > 0) where.push(`in ${states.join(', ')}`);
  const facts: [string, string][] = [
    ['at', where.join(', ')],
    ['expected', d.expected],
    ['actual', d.actual],
  ];
  if (d.detail !== undefined) facts.push(['detail', d.detail]);
  if (d.assumed !== undefined) facts.push(['assumed', d.assumed]);
  return [
    '<div class="divergence">',
    `<h3>${escapeHtml(divergencePhrase(d.reason))}</h3>`,
    `<dl class="facts">${facts.map(([k, v]) => `<dt>${k}</dt><dd class="mono">${escapeHtml(v)}</dd>`).join('')}</dl>`,
    d.at === undefined ? '' : quote(result.source, d.at, d.sourceLine, flow),
    '</div>',
  ].join('\n');
}

function quote(path: string, at: { readonly line: number; readonly column: number }, trimmed: string | undefined, flow: ReportFlow): string {
  const full = sourceLine(flow, at.line);
  const text = full ?? trimmed;
  const number = String(at.line);
  const pad = ' '.repeat(number.length);
  const lines = [`${pad}--&gt; ${escapeHtml(`${path}:${at.line}:${at.column}`)}`];
  if (text !== undefined) lines.push(`${pad} |`, `${number} | ${escapeHtml(text)}`);
  if (full !== undefined) lines.push(`${pad} | ${' '.repeat(Math.max(0, at.column - 1))}<span class="caret">^</span>`);
  return `<pre>${lines.join('\n')}</pre>`;
}
