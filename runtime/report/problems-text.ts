/**
 * The trace's problems for the terminal, listed after the verdict whether
 * or not the ladder showed them in place: a broken capture must say which
 * frames it lost even with `--no-ladder`.
 */
import type { SimulationResult } from '../simulate/index.js';
import type { ReportStyle } from './report-style.js';

/** Beyond this many, the list says how many more there are (all of them are in `--json`). */
export const PROBLEMS_LISTED = 20;

export function renderProblemsText(result: SimulationResult, style: ReportStyle): string | undefined {
  const problems = result.problems;
  if (problems.length === 0) return undefined;
  const lines = [`${style.bold('problems')}   ${problems.length} in the trace, the replay went on past each`];
  for (const p of problems.slice(0, PROBLEMS_LISTED)) {
    const paint = p.severity === 'warning' ? style.warn : style.fail;
    const where = p.trace === result.trace ? '' : `${p.trace} `;
    lines.push(`  ${paint(`! ${where}frame ${p.frame}: ${p.severity === 'warning' ? 'warning: ' : ''}${p.reason}`)}`);
  }
  if (problems.length > PROBLEMS_LISTED) lines.push(style.dim(`  ... and ${problems.length - PROBLEMS_LISTED} more`));
  return lines.join('\n');
}
