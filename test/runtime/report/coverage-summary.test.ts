import { describe, expect, it } from 'vitest';
import { coverageSummary, ratio, transitionText } from '../../../runtime/report/coverage-summary.js';
import { FLOW } from './hand-built-result.js';

describe('coverageSummary', () => {
  it('counts what one trace covered and lists the rest in document order', () => {
    const s = coverageSummary(FLOW, 'flows/hold.flow', [{ states: ['Ringing', 'Talking'], transitions: [0], totalStates: 4, totalTransitions: 5 }]);
    expect(s.states).toMatchObject({ covered: 2, total: 4 });
    expect(s.states.notEntered.map((x) => x.name)).toEqual(['Held', 'Done']);
    expect(s.transitions).toMatchObject({ covered: 1, total: 5 });
    expect(s.transitions.notTaken.map((t) => t.id)).toEqual([1, 2, 3, 4]);
  });

  it('unites the coverage of several traces', () => {
    const s = coverageSummary(FLOW, 'flows/hold.flow', [
      { states: ['Ringing', 'Talking'], transitions: [0, 2], totalStates: 4, totalTransitions: 5 },
      { states: ['Ringing', 'Talking', 'Held'], transitions: [0, 1, 3], totalStates: 4, totalTransitions: 5 },
    ]);
    expect(s.states.covered).toBe(3);
    expect(s.transitions.covered).toBe(4);
    expect(s.transitions.notTaken.map((t) => t.id)).toEqual([4]);
  });
});

describe('ratio and transitionText', () => {
  it('prints counts with a rounded percentage', () => {
    expect(ratio(8, 29)).toBe('8/29 (28%)');
    expect(ratio(0, 0)).toBe('0/0');
  });

  it('writes transitions as the flow does', () => {
    expect(transitionText(FLOW.transitions[0]!)).toBe('on caller.answered -> Talking');
    expect(transitionText(FLOW.transitions[3]!)).toBe('after (timer Held#0) -> Talking');
    expect(transitionText(FLOW.transitions[4]!)).toBe('on caller.hangup when ... -> Done');
  });
});
