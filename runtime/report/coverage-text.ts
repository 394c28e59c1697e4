/** Coverage for the terminal: counts, then what was not exercised, each with its `.flow` line. */
import { ratio, transitionText, type CoverageSummary } from './coverage-summary.js';
import { sourceLine, type ReportFlow } from './report-flow.js';
import type { ReportStyle } from './report-style.js';

/** Longest quoted source line; a transition's `{ ... }` body rarely matters here. */
const QUOTE_WIDTH = 72;

export function renderCoverageText(summary: CoverageSummary, flow: ReportFlow, style: ReportStyle, options: { readonly details: boolean; readonly title?: string } = { details: true }): string {
  const { states, transitions } = summary;
  const title = options.title === undefined ? 'coverage'.padEnd(10) : `${options.title}:`;
  const lines = [`${style.bold(title)} states ${ratio(states.covered, states.total)}, transitions ${ratio(transitions.covered, transitions.total)}`];
  if (!options.details) return lines[0] ?? '';
  if (states.notEntered.length > 0) {
    lines.push(`  states not entered: ${states.notEntered.map((s) => `${s.name} ${style.dim(`(line ${s.at.line})`)}`).join(', ')}`);
  }
  if (transitions.notTaken.length > 0) {
    lines.push(`  transitions not taken ${style.dim(`(${summary.source})`)}:`);
    const where = transitions.notTaken.map((t) => `${t.at.line}:${t.at.column}`);
    const whereWidth = Math.max(...where.map((w) => w.length));
    const sourceWidth = Math.max(...transitions.notTaken.map((t) => t.source.length));
    transitions.notTaken.forEach((t, i) => {
      const quoted = sourceLine(flow, t.at.line)?.trim();
      const text = quoted === undefined || quoted === '' ? transitionText(t) : clip(transitionHead(quoted), QUOTE_WIDTH);
      lines.push(`    ${style.accent((where[i] ?? '').padEnd(whereWidth))}  ${t.source.padEnd(sourceWidth)}  ${text}`);
    });
  }
  return lines.join('\n');
}

/**
 * `on a -> B { hangup c }  // why` -> `on a -> B`: the trigger and target
 * say which transition it is; its actions and comments are in the file.
 */
function transitionHead(line: string): string {
  const brace = line.indexOf(' {');
  const head = brace < 0 ? line : line.slice(0, brace);
  return head.replace(/\s+\/\/.*$/, '');
}

function clip(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 3)}...`;
}
