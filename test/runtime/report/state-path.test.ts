import { describe, expect, it } from 'vitest';
import { statePaths } from '../../../runtime/report/state-path.js';
import { failingResult, passingResult, REPORT_FLOW, T0 } from './hand-built-result.js';

describe('statePaths', () => {
  it('lists where each call changed state and what moved it', () => {
    expect(statePaths(passingResult(), REPORT_FLOW)).toEqual([
      {
        call: 1,
        entries: [
          { state: 'Ringing', step: 0, frame: 1, time: T0 + 1000 },
          { state: 'Talking', step: 1, frame: 2, time: T0 + 2000, via: 'caller: 200 INVITE' },
          { state: 'Held', step: 3, frame: 4, time: T0 + 4000, via: 'assumed Hold' },
          { state: 'Talking', step: 4, time: T0 + 34_000, via: 'timer Held#0' },
          { state: 'Done', step: 6, frame: 7, time: T0 + 7000, via: 'caller: BYE' },
        ],
      },
    ]);
  });

  it('stops at the divergence: steps not compared say nothing of the flow', () => {
    expect(statePaths(failingResult(), REPORT_FLOW)[0]?.entries.map((e) => e.state)).toEqual(['Ringing', 'Talking']);
  });
});
