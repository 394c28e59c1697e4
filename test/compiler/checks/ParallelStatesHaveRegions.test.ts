import { describe, expect, it } from 'vitest';
import { at, findings, flow } from './harness.js';

const CODE = 'FLOW2034';

describe('ParallelStatesHaveRegions', () => {
  it('accepts two regions', () => {
    const text = flow`
      flow F {
        parallel state P { state R1; state R2 }
      }
    `;
    expect(findings(text, CODE)).toEqual([]);
  });

  it('reports a single region', () => {
    const text = flow`
      flow F {
        parallel state P { state R1 }
      }
    `;
    expect(findings(text, CODE)).toEqual([at(text, CODE, 'P')]);
  });
});
