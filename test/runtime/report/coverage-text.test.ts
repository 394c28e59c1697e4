import { describe, expect, it } from 'vitest';
import { coverageSummary } from '../../../runtime/report/coverage-summary.js';
import { renderCoverageText } from '../../../runtime/report/coverage-text.js';
import { reportStyle } from '../../../runtime/report/report-style.js';
import { FLOW, REPORT_FLOW } from './hand-built-result.js';

const summary = coverageSummary(FLOW, 'flows/hold.flow', [{ states: ['Ringing', 'Talking'], transitions: [0], totalStates: 4, totalTransitions: 5 }]);

describe('renderCoverageText', () => {
  it('gives the counts, the states not entered and each transition not taken at its line:col, quoted from the source', () => {
    expect(renderCoverageText(summary, REPORT_FLOW, reportStyle(false)).split('\n')).toEqual([
      'coverage   states 2/4 (50%), transitions 1/5 (20%)',
      '  states not entered: Held (line 10), Done (line 15)',
      '  transitions not taken (flows/hold.flow):',
      '    7:5   Talking  on Hold -> Held',
      '    8:5   Talking  on caller.hangup -> Done',
      '    12:5  Held     after 30s -> Talking',
      '    13:5  Held     on caller.hangup when true -> Done',
    ]);
  });

  it('writes the transitions from the description when the source is not at hand', () => {
    const text = renderCoverageText(summary, { description: FLOW }, reportStyle(false));
    expect(text).toContain('    12:5  Held     after (timer Held#0) -> Talking');
  });

  it('gives only the counts, under a title, without details', () => {
    expect(renderCoverageText(summary, REPORT_FLOW, reportStyle(false), { details: false, title: 'total coverage of Hold over 2 traces' })).toBe(
      'total coverage of Hold over 2 traces: states 2/4 (50%), transitions 1/5 (20%)',
    );
  });
});
