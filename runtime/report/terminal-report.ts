/**
 * Everything the terminal shows for a run: per trace a header, the ladder,
 * the verdict (with the divergence when it fails), the inputs it left open
 * and its coverage; at the end the totals over all traces and the coverage
 * per flow over all of them.
 */
import type { SimulationResult } from '../simulate/index.js';
import { coverageSummary } from './coverage-summary.js';
import { renderCoverageText } from './coverage-text.js';
import { renderDivergenceText } from './divergence-text.js';
import { buildLadder } from './ladder-rows.js';
import { ladderWindow, type LadderMode } from './ladder-window.js';
import type { ReportFlow } from './report-flow.js';
import { renderProblemsText } from './problems-text.js';
import { renderResultHeader } from './result-header.js';
import { reportStyle } from './report-style.js';
import { totalsLine, unboundInputsLine, verdictLine } from './summary-lines.js';
import { renderTerminalLadder } from './terminal-ladder.js';

export interface TerminalReportOptions {
  readonly color: boolean;
  /** `auto`: the whole ladder of a short trace, the steps around the divergence of a long one. */
  readonly ladder: LadderMode;
  /** Only the verdict (and the divergence); no header, ladder or coverage. */
  readonly quiet: boolean;
}

export function renderTraceReport(result: SimulationResult, flow: ReportFlow, options: TerminalReportOptions): string {
  const style = reportStyle(options.color);
  const verdict = result.divergence === undefined ? verdictLine(result, style) : renderDivergenceText(result, result.divergence, flow, style);
  if (options.quiet) {
    const count = result.problems.length;
    return count === 0 ? verdict : `${verdict}\n${style.dim(`  ${count} ${count === 1 ? 'problem' : 'problems'} in the trace (${count === 1 ? 'frame' : 'frames'} ${result.problems.slice(0, 5).map((p) => p.frame).join(', ')}${count > 5 ? ', ...' : ''})`)}`;
  }
  const blocks = [renderResultHeader(result, style)];
  const range = ladderWindow(result, options.ladder);
  if (range !== undefined) blocks.push(renderTerminalLadder(buildLadder(result, flow, range), style));
  else if (options.ladder === 'auto' && result.steps.length > 0) blocks.push(style.dim(`ladder not shown: ${result.steps.length} steps`));
  const tail = [verdict];
  const problems = renderProblemsText(result, style);
  if (problems !== undefined) tail.push(problems);
  // With no call replayed, the inputs were never compared and nothing was covered: counts say enough.
  const calls = result.counts.calls > 0;
  const inputs = calls ? unboundInputsLine(result, style) : undefined;
  if (inputs !== undefined) tail.push(inputs);
  tail.push(renderCoverageText(coverageSummary(flow.description, result.source, [result.coverage]), flow, style, { details: calls }));
  blocks.push(tail.join('\n'));
  return blocks.join('\n\n');
}

/** `N passed, M failed`, then the coverage of each flow over all its traces (in detail when there are several). */
export function renderTotals(results: readonly SimulationResult[], flows: readonly ReportFlow[], options: Pick<TerminalReportOptions, 'color' | 'quiet'>): string {
  const style = reportStyle(options.color);
  const lines = [totalsLine(results, style)];
  for (const flow of flows) {
    const own = results.filter((r) => r.flow === flow.description.name);
    if (own.length === 0) continue;
    const summary = coverageSummary(flow.description, own[0]?.source ?? flow.description.source, own.map((r) => r.coverage));
    const title = `total coverage of ${flow.description.name} over ${own.length} ${own.length === 1 ? 'trace' : 'traces'}`;
    lines.push(renderCoverageText(summary, flow, style, { details: own.length > 1 && !options.quiet, title }));
  }
  return lines.join('\n');
}
