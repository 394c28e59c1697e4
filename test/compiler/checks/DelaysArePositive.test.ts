import { describe, expect, it } from 'vitest';
import { at, findings, flow } from './harness.js';

const CODE = 'FLOW2057';

describe('DelaysArePositive', () => {
  it('accepts positive constants and non-constant delays', () => {
    const text = flow`
      flow F {
        input wrap: duration
        state S {
          after 1ms -> S
          after wrap - 5s -> S
        }
      }
    `;
    expect(findings(text, CODE)).toEqual([]);
  });

  it('reports a zero delay and a negative timeout', () => {
    const text = flow`
      flow F {
        leg a
        state S {
          entry { dial a to "sip:a@x" timeout 1s - 2s }
          after 0s -> S
        }
      }
    `;
    expect(findings(text, CODE)).toEqual([at(text, CODE, '1s - 2s'), at(text, CODE, '0s')]);
  });
});
