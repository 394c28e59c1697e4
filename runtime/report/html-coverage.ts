/** Coverage as an HTML table: every transition of the flow, where it is written, and whether a trace took it. */
import { ratio, transitionText, type CoverageSummary } from './coverage-summary.js';
import { escapeHtml } from './html-escape.js';
import { sourceLine, type ReportFlow } from './report-flow.js';

export function renderCoverageHtml(summary: CoverageSummary, flow: ReportFlow): string {
  const missedStates = new Set(summary.states.notEntered.map((s) => s.name));
  const missedTransitions = new Set(summary.transitions.notTaken.map((t) => t.id));
  const chips = flow.description.states
    .map((s) => `<span class="chip ${missedStates.has(s.name) ? 'no' : 'yes'}" title="line ${s.at.line}">${escapeHtml(s.name)}</span>`)
    .join('');
  const rows = flow.description.transitions.map((t) => {
    const missed = missedTransitions.has(t.id);
    const quoted = sourceLine(flow, t.at.line)?.trim();
    const text = quoted === undefined || quoted === '' ? transitionText(t) : quoted;
    return `<tr class="${missed ? 'missed' : 'taken'}"><td class="mono">${t.at.line}:${t.at.column}</td><td>${escapeHtml(t.source)}</td><td class="mono">${escapeHtml(text)}</td><td class="${missed ? 'no' : 'yes'}">${missed ? 'no' : 'yes'}</td></tr>`;
  });
  return [
    `<p>states ${ratio(summary.states.covered, summary.states.total)}, transitions ${ratio(summary.transitions.covered, summary.transitions.total)} <span class="mono">${escapeHtml(summary.source)}</span></p>`,
    `<div class="chips">${chips}</div>`,
    '<table class="coverage"><thead><tr><th>line</th><th>state</th><th>transition</th><th>taken</th></tr></thead><tbody>',
    ...rows,
    '</tbody></table>',
  ].join('\n');
}
