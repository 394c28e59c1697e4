import { describe, expect, it } from 'vitest';
import { renderTotals, renderTraceReport } from '../../../runtime/report/index.js';
import type { SimulationResult } from '../../../runtime/simulate/index.js';
import { failingResult, passingResult, REPORT_FLOW } from './hand-built-result.js';

const options = { color: false, ladder: 'auto', quiet: false } as const;

describe('renderTraceReport', () => {
  it('gives the header, the ladder, the verdict, problems, inputs and coverage, in that order', () => {
    const text = renderTraceReport(passingResult(), REPORT_FLOW, options);
    const order = ['flow       Hold (flows/hold.flow)', 'trace      hold.pcap (5 SIP messages, 1 call, 1 problem)', 'flow side  10.0.0.1 (inferred: 10.0.0.1 sends the first INVITE (frame 1))', ' frame     time', 'PASS  hold.pcap', 'problems', 'inputs', 'coverage   states 4/4 (100%), transitions 4/5 (80%)', '13:5'];
    const at = order.map((s) => text.indexOf(s));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('says the flow side was given when it was', () => {
    const result: SimulationResult = { ...passingResult(), flowSide: { addresses: ['10.0.0.1:5060'], inferred: false, reason: 'given' } };
    expect(renderTraceReport(result, REPORT_FLOW, options)).toContain('flow side  10.0.0.1:5060 (given)');
  });

  it('replaces the verdict line with the divergence block when the trace fails', () => {
    const text = renderTraceReport(failingResult(), REPORT_FLOW, options);
    expect(text).toContain('FAIL  hold.pcap: the flow side sent a message the flow does not explain');
    expect(text).toContain('--> flows/hold.flow:6:3');
    expect(text).not.toContain('FAIL  hold.pcap at frame 4');
  });

  it('draws no ladder with `none`, and only the verdict when quiet', () => {
    expect(renderTraceReport(passingResult(), REPORT_FLOW, { ...options, ladder: 'none' })).not.toContain('|');
    expect(renderTraceReport(passingResult(), REPORT_FLOW, { ...options, quiet: true })).toBe('PASS  hold.pcap (assumed Hold at frame 4)\n  1 problem in the trace (frame 6)');
    expect(renderTraceReport(failingResult(), REPORT_FLOW, { ...options, quiet: true }).split('\n')[0]).toBe('FAIL  hold.pcap: the flow side sent a message the flow does not explain');
  });

  it('with no call replayed, gives the coverage counts only and no inputs', () => {
    const result: SimulationResult = { ...passingResult(), counts: { ...passingResult().counts, calls: 0 } };
    const text = renderTraceReport(result, REPORT_FLOW, options);
    expect(text).not.toContain('transitions not taken');
    expect(text).not.toContain('inputs');
  });
});

describe('renderTotals', () => {
  it('counts the verdicts and gives each flow its coverage over all traces', () => {
    const text = renderTotals([passingResult(), failingResult()], [REPORT_FLOW], { color: false, quiet: false });
    expect(text.split('\n').slice(0, 2)).toEqual(['1 passed, 1 failed', 'total coverage of Hold over 2 traces: states 4/4 (100%), transitions 4/5 (80%)']);
    expect(text).toContain('    13:5  Held  on caller.hangup when true -> Done');
  });

  it('gives the counts alone for a single trace (its own coverage said the rest)', () => {
    expect(renderTotals([passingResult()], [REPORT_FLOW], { color: false, quiet: false })).toBe(
      '1 passed, 0 failed\ntotal coverage of Hold over 1 trace: states 4/4 (100%), transitions 4/5 (80%)',
    );
  });
});
