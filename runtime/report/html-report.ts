/**
 * `--report out.html`: one self-contained page (inline CSS and SVG, no
 * scripts, no external assets) for a run: totals, then per trace its facts,
 * the divergence highlighted, the state path, an SVG ladder and coverage;
 * then the coverage of each flow over all its traces.
 */
import type { SimulationResult } from '../simulate/index.js';
import { assumedCounts } from './assumed-counts.js';
import { coverageSummary } from './coverage-summary.js';
import { renderCoverageHtml } from './html-coverage.js';
import { renderDivergenceHtml } from './html-divergence.js';
import { escapeHtml } from './html-escape.js';
import { HTML_STYLE } from './html-style.js';
import { buildLadder } from './ladder-rows.js';
import { ladderWindow, type LadderMode } from './ladder-window.js';
import type { ReportFlow } from './report-flow.js';
import { statePaths, type CallPath } from './state-path.js';
import { renderSvgLadder } from './svg-ladder.js';
import { secondsSince, traceOrigin } from './trace-time.js';

/** A browser lays out a few thousand SVG rows without trouble; beyond that `auto` shows the divergence's neighbourhood. */
const HTML_FULL_LADDER_STEPS = 3000;

export interface HtmlReportOptions {
  readonly ladder: LadderMode;
}

export function renderHtmlReport(results: readonly SimulationResult[], flows: readonly ReportFlow[], options: HtmlReportOptions = { ladder: 'auto' }): string {
  const passed = results.filter((r) => r.verdict === 'pass').length;
  const failed = results.length - passed;
  const flowOf = (r: SimulationResult): ReportFlow | undefined => flows.find((f) => f.description.name === r.flow);
  const names = flows.map((f) => f.description.name).join(', ');
  const sections = results.map((r, i) => {
    const flow = flowOf(r);
    return flow === undefined ? '' : traceSection(r, flow, i, options.ladder);
  });
  const totals = flows.map((flow) => {
    const own = results.filter((r) => r.flow === flow.description.name);
    if (own.length < 2) return '';
    const summary = coverageSummary(flow.description, own[0]?.source ?? flow.description.source, own.map((r) => r.coverage));
    return `<section class="trace"><h2>Coverage of ${escapeHtml(flow.description.name)} over ${own.length} traces</h2>${renderCoverageHtml(summary, flow)}</section>`;
  });
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>flowc simulate: ${escapeHtml(names)}</title>`,
    `<style>${HTML_STYLE}</style></head><body>`,
    `<h1>flowc simulate: ${escapeHtml(names)}</h1>`,
    `<p class="totals"><strong class="${failed === 0 ? 'pass' : ''}">${passed} passed</strong>, <strong class="${failed > 0 ? 'fail' : ''}">${failed} failed</strong></p>`,
    results.length > 1 ? `<nav><ul>${results.map((r, i) => `<li>${badge(r)} <a href="#trace-${i + 1}">${escapeHtml(r.trace)}</a></li>`).join('')}</ul></nav>` : '',
    ...sections,
    ...totals,
    '</body></html>',
    '',
  ].join('\n');
}

function badge(result: SimulationResult): string {
  return `<span class="badge ${result.verdict}">${result.verdict === 'pass' ? 'PASS' : 'FAIL'}</span>`;
}

function traceSection(result: SimulationResult, flow: ReportFlow, index: number, mode: LadderMode): string {
  const id = `trace-${index + 1}`;
  const range = ladderWindow(result, mode, HTML_FULL_LADDER_STEPS);
  const ladder = range === undefined ? '<p>not shown</p>' : `<div class="ladder-box">${renderSvgLadder(buildLadder(result, flow, range), `${id}-head`)}</div>${LEGEND}`;
  return [
    `<section class="trace ${result.verdict}" id="${id}">`,
    `<h2>${badge(result)} ${escapeHtml(result.trace)}</h2>`,
    facts(result),
    result.divergence === undefined ? '' : renderDivergenceHtml(result, result.divergence, flow),
    problems(result),
    '<h3>State path</h3>',
    statePathHtml(statePaths(result, flow), result, flow),
    '<h3>Ladder</h3>',
    ladder,
    '<h3>Coverage</h3>',
    renderCoverageHtml(coverageSummary(flow.description, result.source, [result.coverage]), flow),
    '</section>',
  ].join('\n');
}

const LEGEND =
  '<p class="legend"><span class="k-expected">&#9632; expected by the flow</span><span>&#9632; moved the flow / ignored</span>' +
  '<span class="k-background">&#9632; SIP stack, retransmission, unrelated, not compared</span><span class="k-assumed">&#9632; assumed command, timer</span>' +
  '<span class="k-divergence">&#9632; divergence</span></p>';

function facts(result: SimulationResult): string {
  const c = result.counts;
  const side = result.flowSide;
  const rows: [string, string][] = [
    ['flow', `${result.flow} (${result.source})`],
    ['trace', `${result.trace}: ${c.sipMessages} SIP messages, ${c.calls} ${c.calls === 1 ? 'call' : 'calls'}, ${c.events} events, ${c.retransmissions} retransmissions, ${c.problems} problems`],
    ['flow side', `${side.addresses.length === 0 ? 'none found' : side.addresses.join(', ')} (${side.inferred ? `inferred: ${side.reason}` : 'given'})`],
  ];
  if (result.assumed.length > 0) {
    const counts = assumedCounts(result.assumed);
    rows.push(['assumed', counts ?? result.assumed.map((a) => `${a.event} at frame ${a.frame} (explains ${a.explains})`).join('; ')]);
  }
  if (result.unboundInputs.length > 0) {
    rows.push(['inputs not given', result.unboundInputs.map((u) => (u.observed.length === 0 ? u.name : `${u.name} (seen ${u.observed.join(', ')})`)).join('; ')]);
  }
  return `<dl class="facts">${rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>`;
}

function problems(result: SimulationResult): string {
  if (result.problems.length === 0) return '';
  const items = result.problems.map((p) => `<li class="${p.severity}">frame ${p.frame}: ${p.severity === 'warning' ? 'warning: ' : ''}${escapeHtml(p.reason)}</li>`);
  return `<h3>Problems</h3><ul class="problems mono">${items.join('')}</ul>`;
}

function statePathHtml(paths: readonly CallPath[], result: SimulationResult, flow: ReportFlow): string {
  if (paths.length === 0) return '<p>no call of the flow started</p>';
  const origin = traceOrigin(result.steps);
  const finals = new Set(flow.description.states.filter((s) => s.kind === 'final').map((s) => s.name));
  const shown = shownPaths(paths, result.divergence?.call);
  const lists = shown.map((path) => {
    const items = path.entries.map((e, i) => {
      const when = `${e.frame === undefined ? '' : `frame ${e.frame}, `}${secondsSince(e.time, origin)} s`;
      const via = e.via === undefined ? when : `${e.via} (${when})`;
      const arrow = i === 0 ? '' : '<span class="via">&rarr;</span>';
      return `<li>${arrow}<span class="state${finals.has(e.state) ? ' final' : ''}" title="${escapeHtml(via)}">${escapeHtml(e.state)}</span><span class="via">${escapeHtml(via)}</span></li>`;
    });
    const d = result.divergence;
    if (d !== undefined && (d.call === undefined || d.call === path.call)) {
      items.push(`<li><span class="via">&rarr;</span><span class="stop">diverges at frame ${d.frame}</span></li>`);
    }
    return `${paths.length > 1 ? `<p>call ${path.call}</p>` : ''}<ol class="path">${items.join('')}</ol>`;
  });
  const left = paths.length - shown.length;
  if (left > 0) lists.push(`<p>&hellip; and the state paths of ${left} more calls (<code>--json</code> has every step of every call)</p>`);
  return lists.join('\n');
}

/** State paths drawn one by one; a capture of thousands of calls shows the first ones and the call that diverged. */
const SHOWN_PATHS = 50;

function shownPaths(paths: readonly CallPath[], diverged: number | undefined): readonly CallPath[] {
  if (paths.length <= SHOWN_PATHS) return paths;
  const shown = paths.slice(0, SHOWN_PATHS);
  const divergent = diverged === undefined ? undefined : paths.find((p) => p.call === diverged);
  if (divergent !== undefined && !shown.includes(divergent)) shown.push(divergent);
  return shown;
}
