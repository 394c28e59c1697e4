import { describe, expect, it } from 'vitest';
import { reportStyle } from '../../../runtime/report/report-style.js';
import { totalsLine, unboundInputsLine, verdictLine } from '../../../runtime/report/summary-lines.js';
import { failingResult, passingResult } from './hand-built-result.js';

const plain = reportStyle(false);

describe('summary lines', () => {
  it('a passing trace says PASS and which commands were assumed; a failing one where it failed', () => {
    expect(verdictLine(passingResult(), plain)).toBe('PASS  hold.pcap (assumed Hold at frame 4)');
    expect(verdictLine({ ...passingResult(), assumed: [] }, plain)).toBe('PASS  hold.pcap');
    expect(verdictLine(failingResult(), plain)).toBe('FAIL  hold.pcap at frame 4');
  });

  it('counts passes and failures over all traces', () => {
    expect(totalsLine([passingResult()], plain)).toBe('1 passed, 0 failed');
    expect(totalsLine([passingResult(), failingResult(), failingResult()], plain)).toBe('1 passed, 2 failed');
    expect(totalsLine([], plain)).toBe('0 passed, 0 failed');
  });

  it('lists the inputs not given with what the trace showed for them', () => {
    expect(unboundInputsLine(passingResult(), plain)?.split('\n')).toEqual(['inputs     not given, so any value matched:', '             callerUri  seen sip:bob@10.0.0.2']);
    expect(unboundInputsLine({ ...passingResult(), unboundInputs: [] }, plain)).toBeUndefined();
  });

  it('colours PASS green and FAIL red on a terminal', () => {
    expect(verdictLine(passingResult(), reportStyle(true))).toContain('\u001b[1;32mPASS\u001b[0m');
    expect(totalsLine([failingResult()], reportStyle(true))).toContain('\u001b[1;31m1 failed\u001b[0m');
  });
});
