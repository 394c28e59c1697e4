import { describe, expect, it } from 'vitest';
import { at, findings, flow } from './harness.js';

const CODE = 'FLOW2059';

describe('ConferencesHaveTwoOrThreeLegs', () => {
  it('accepts three legs', () => {
    const text = flow`
      flow F {
        leg a
        leg b
        leg c
        state S { entry { conference a b c } }
      }
    `;
    expect(findings(text, CODE)).toEqual([]);
  });

  it('reports four legs', () => {
    const text = flow`
      flow F {
        leg a
        leg b
        leg c
        leg d
        state S { entry { conference a b c d } }
      }
    `;
    expect(findings(text, CODE)).toEqual([at(text, CODE, 'd }')]);
  });
});
