import { describe, expect, it } from 'vitest';
import { simulationJson } from '../../../runtime/report/index.js';
import { failingResult, passingResult, REPORT_FLOW } from './hand-built-result.js';

describe('simulationJson', () => {
  it('holds the results as they are and the totals over them', () => {
    const doc = simulationJson([passingResult(), failingResult()], [REPORT_FLOW]);
    const parsed = JSON.parse(JSON.stringify(doc)) as typeof doc;
    expect(parsed.results.map((r) => r.verdict)).toEqual(['pass', 'fail']);
    expect(parsed.results[1]?.divergence?.at).toEqual({ line: 6, column: 3 });
    expect(parsed.totals).toMatchObject({ traces: 2, passed: 1, failed: 1 });
    expect(parsed.totals.coverage).toHaveLength(1);
    expect(parsed.totals.coverage[0]).toMatchObject({ flow: 'Hold', source: 'flows/hold.flow', states: { covered: 4, total: 4 }, transitions: { covered: 4, total: 5 } });
    expect(parsed.totals.coverage[0]?.transitions.notTaken.map((t) => t.at.line)).toEqual([13]);
  });
});
