import { describe, expect, it } from 'vitest';
import { renderDivergenceText } from '../../../runtime/report/divergence-text.js';
import { reportStyle } from '../../../runtime/report/report-style.js';
import { DIVERGENCE, failingResult, FLOW, REPORT_FLOW } from './hand-built-result.js';

const plain = reportStyle(false);

describe('renderDivergenceText', () => {
  it('says FAIL, what the divergence means, where, and expected against actual', () => {
    const lines = renderDivergenceText(failingResult(), DIVERGENCE, REPORT_FLOW, plain).split('\n');
    expect(lines[0]).toBe('FAIL  hold.pcap: the flow side sent a message the flow does not explain');
    expect(lines[1]).toBe('  at        frame 4, 3.000 s (2024-01-01 10:00:04.000 UTC), call 1, in Talking');
    expect(lines[2]).toBe('  expected  nothing: Talking sends no message by itself; it waits for Hold, caller.hangup');
    expect(lines[3]).toBe('  actual    INVITE sip:moh@10.0.0.3, SDP a=sendonly');
  });

  it('points at the .flow file:line:col and quotes the line with a caret under the column', () => {
    const text = renderDivergenceText(failingResult(), DIVERGENCE, REPORT_FLOW, plain);
    expect(text).toContain('  --> flows/hold.flow:6:3\n    |\n  6 |   state Talking {\n    |   ^');
  });

  it('quotes the trimmed line the result carries, without a caret, when the source is not at hand', () => {
    const text = renderDivergenceText(failingResult(), DIVERGENCE, { description: FLOW }, plain);
    expect(text).toContain('  6 | state Talking {');
    expect(text).not.toContain('^');
  });

  it('adds the detail of a mismatch and the command it was assumed for', () => {
    const d = { ...DIVERGENCE, reason: 'mismatch' as const, detail: 'SDP is a=sendrecv, not a hold', assumed: 'Hold (assumed at frame 4)' };
    const text = renderDivergenceText(failingResult(), d, REPORT_FLOW, plain);
    expect(text).toContain('FAIL  hold.pcap: the flow side sent the expected message, but it differs in a detail');
    expect(text).toContain('  detail    SDP is a=sendrecv, not a hold');
    expect(text).toContain('  assumed   Hold (assumed at frame 4)');
  });

  it('gives a relative time alone when the trace has no wall clock', () => {
    const result = { ...failingResult(), steps: failingResult().steps.map((s) => ({ ...s, time: s.time - Date.UTC(2024, 0, 1, 10, 0, 0) })) };
    const text = renderDivergenceText(result, { ...DIVERGENCE, time: 4000 }, REPORT_FLOW, plain);
    expect(text).toContain('  at        frame 4, 3.000 s, call 1, in Talking');
  });
});
