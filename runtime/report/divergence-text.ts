/**
 * The first divergence for the terminal: the verdict line with what it
 * means, where in the trace (frame, time, call, state), expected against
 * actual, and the `.flow` line to blame, quoted rustc-style.
 */
import type { Divergence, SimulationResult } from '../simulate/index.js';
import { divergencePhrase } from './divergence-reason.js';
import { leafStates, sourceLine, type ReportFlow } from './report-flow.js';
import type { ReportStyle } from './report-style.js';
import { secondsSince, traceOrigin, wallClock } from './trace-time.js';

export function renderDivergenceText(result: SimulationResult, divergence: Divergence, flow: ReportFlow, style: ReportStyle): string {
  const lines = [`${style.fail('FAIL')}  ${style.bold(result.trace)}: ${divergencePhrase(divergence.reason)}`];
  const field = (name: string, value: string): void => {
    lines.push(`  ${style.bold(name.padEnd(8))}  ${value}`);
  };
  field('at', whereText(result, divergence, flow));
  field('expected', divergence.expected);
  field('actual', divergence.actual);
  if (divergence.detail !== undefined) field('detail', divergence.detail);
  if (divergence.assumed !== undefined) field('assumed', divergence.assumed);
  if (divergence.at !== undefined) lines.push(...quote(result.source, divergence.at, divergence.sourceLine, flow, style));
  return lines.join('\n');
}

function whereText(result: SimulationResult, d: Divergence, flow: ReportFlow): string {
  const seconds = `${secondsSince(d.time, traceOrigin(result.steps))} s`;
  const clock = wallClock(d.time);
  const parts = [`frame ${d.frame}`, clock === undefined ? seconds : `${seconds} (${clock})`];
  if (d.trace !== result.trace) parts.unshift(d.trace);
  if (d.call !== undefined) parts.push(`call ${d.call}`);
  const states = leafStates(flow, d.configuration);
  if (states.length > 0) parts.push(`in ${states.join(', ')}`);
  return parts.join(', ');
}

/** `--> file:line:col`, then the line with a caret under the column (only when the untrimmed line is known). */
function quote(path: string, at: { readonly line: number; readonly column: number }, trimmed: string | undefined, flow: ReportFlow, style: ReportStyle): string[] {
  const full = sourceLine(flow, at.line);
  const text = full ?? trimmed;
  const number = String(at.line);
  const pad = ' '.repeat(number.length);
  const lines = [`  ${pad}${style.accent('-->')} ${path}:${at.line}:${at.column}`];
  if (text === undefined) return lines;
  lines.push(`  ${pad} ${style.accent('|')}`, `  ${style.accent(`${number} |`)} ${text}`);
  if (full !== undefined) lines.push(`  ${pad} ${style.accent('|')} ${' '.repeat(Math.max(0, at.column - 1))}${style.fail('^')}`);
  return lines;
}
