import { describe, expect, it } from 'vitest';
import { at, findings, flow } from './harness.js';

const CODE = 'FLOW2033';

describe('FinalStatesAreNotParallel', () => {
  it('accepts final and parallel on different states', () => {
    const text = flow`
      flow F {
        parallel state P { state R1; state R2 }
        final state Done
      }
    `;
    expect(findings(text, CODE)).toEqual([]);
  });

  it('reports final parallel', () => {
    const text = flow`
      flow F {
        state A
        final parallel state Done
      }
    `;
    expect(findings(text, CODE)).toEqual([at(text, CODE, 'parallel')]);
  });
});
