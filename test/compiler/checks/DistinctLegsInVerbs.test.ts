import { describe, expect, it } from 'vitest';
import { at, findings, flow } from './harness.js';

const CODE = 'FLOW2061';

describe('DistinctLegsInVerbs', () => {
  it('accepts distinct legs', () => {
    const text = flow`
      flow F {
        leg a
        leg b
        state S { entry { bridge a b; refer a to b replacing } }
      }
    `;
    expect(findings(text, CODE)).toEqual([]);
  });

  it('reports a leg bridged to itself', () => {
    const text = flow`
      flow F {
        leg a
        state S { entry { bridge a a } }
      }
    `;
    expect(findings(text, CODE)).toEqual([at(text, CODE, 'a }')]);
  });
});
