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

  it('counts the commands assumed per command when there are more than a line can list', () => {
    const one = passingResult().assumed[0];
    if (one === undefined) throw new Error('the hand-built result assumes a command');
    const many = (events: readonly string[]): ReturnType<typeof passingResult> => ({
      ...passingResult(),
      assumed: events.map((event, i) => ({ ...one, event, frame: 10 + i })),
    });
    const six = ['Hold', 'Unhold', 'Hold', 'Unhold', 'Hold', 'Unhold'];
    expect(verdictLine(many(six), plain)).toBe(
      'PASS  hold.pcap (assumed Hold at frame 10, Unhold at frame 11, Hold at frame 12, Unhold at frame 13, Hold at frame 14, Unhold at frame 15)',
    );
    const thousands = Array.from({ length: 20_000 }, (_, i) => (i % 2 === 0 ? 'Consult' : 'Transfer'));
    expect(verdictLine(many(thousands), plain)).toBe(
      'PASS  hold.pcap (assumed 20000 commands: 10000 Consult (first at frame 10), 10000 Transfer (first at frame 11); --json lists each)',
    );
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

  it('says an INVITE may have met another call\'s dial when a failing trace of several calls saw several values for an input not given', () => {
    const mixed = {
      ...failingResult(),
      counts: { ...failingResult().counts, calls: 2 },
      unboundInputs: [
        { name: 'agentUri', observed: ['sip:5020@10.0.0.2', 'sip:+15551234567@10.0.0.3'] },
        { name: 'callerUri', observed: ['sip:bob@10.0.0.2'] },
      ],
    };
    expect(unboundInputsLine(mixed, plain)?.split('\n').slice(-2)).toEqual([
      '             agentUri met several values: with calls overlapping, an INVITE',
      "             may have met another call's dial. The same in every call? Give it: --input agentUri=...",
    ]);
    // One call, or a pass: no such doubt.
    expect(unboundInputsLine({ ...mixed, counts: { ...mixed.counts, calls: 1 } }, plain)).not.toContain('another call');
    expect(unboundInputsLine({ ...passingResult(), counts: { ...passingResult().counts, calls: 2 }, unboundInputs: mixed.unboundInputs }, plain)).not.toContain('another call');
  });

  it('colours PASS green and FAIL red on a terminal', () => {
    expect(verdictLine(passingResult(), reportStyle(true))).toContain('\u001b[1;32mPASS\u001b[0m');
    expect(totalsLine([failingResult()], reportStyle(true))).toContain('\u001b[1;31m1 failed\u001b[0m');
  });
});
