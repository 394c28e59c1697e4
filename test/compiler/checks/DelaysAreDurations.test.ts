import { describe, expect, it } from 'vitest';
import { at, findings, flow } from './harness.js';

const CODE = 'FLOW2056';

describe('DelaysAreDurations', () => {
  it('accepts duration delays and timeouts', () => {
    const text = flow`
      flow F {
        leg a
        input wrap: duration
        state S {
          entry { dial a to "sip:a@x" timeout wrap + 5s; collect a digits timeout 2s }
          after wrap * 2 -> S
        }
      }
    `;
    expect(findings(text, CODE)).toEqual([]);
  });

  it('reports an int after delay and a string timeout', () => {
    const text = flow`
      flow F {
        leg a
        state S {
          entry { dial a to "sip:a@x" timeout "30" }
          after 45 -> S
        }
      }
    `;
    expect(findings(text, CODE)).toEqual([at(text, CODE, '"30"'), at(text, CODE, '45')]);
  });
});
