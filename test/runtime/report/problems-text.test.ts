import { describe, expect, it } from 'vitest';
import { PROBLEMS_LISTED, renderProblemsText } from '../../../runtime/report/problems-text.js';
import { reportStyle } from '../../../runtime/report/report-style.js';
import type { SimulationProblem } from '../../../runtime/simulate/index.js';
import { failingResult, passingResult } from './hand-built-result.js';

const plain = reportStyle(false);

describe('renderProblemsText', () => {
  it('lists each problem with its frame', () => {
    expect(renderProblemsText(passingResult(), plain)?.split('\n')).toEqual([
      'problems   1 in the trace, the replay went on past each',
      '  ! frame 6: warning: non-SIP UDP payload (12 bytes) on SIP port 5060 skipped',
    ]);
  });

  it('is silent when there are none', () => {
    expect(renderProblemsText(failingResult(), plain)).toBeUndefined();
  });

  it('names the file of a problem in a merged trace, and stops listing after a while', () => {
    const many: SimulationProblem[] = Array.from({ length: PROBLEMS_LISTED + 3 }, (_, i) => ({
      trace: i === 0 ? 'desktop.jsonl' : 'hold.pcap',
      frame: i + 1,
      time: 0,
      severity: 'error',
      source: 'trace',
      reason: 'not JSON',
    }));
    const lines = renderProblemsText({ ...passingResult(), problems: many }, plain)?.split('\n') ?? [];
    expect(lines[1]).toBe('  ! desktop.jsonl frame 1: not JSON');
    expect(lines[2]).toBe('  ! frame 2: not JSON');
    expect(lines.at(-1)).toBe('  ... and 3 more');
    expect(lines).toHaveLength(PROBLEMS_LISTED + 2);
  });
});
