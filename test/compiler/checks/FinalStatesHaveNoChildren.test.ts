import { describe, expect, it } from 'vitest';
import { at, findings, flow } from './harness.js';

const CODE = 'FLOW2031';

describe('FinalStatesHaveNoChildren', () => {
  it('accepts atomic final states', () => {
    const text = flow`
      flow F {
        state A { state A1; final state A2 }
        final state Done
      }
    `;
    expect(findings(text, CODE)).toEqual([]);
  });

  it('reports a final state with a child', () => {
    const text = flow`
      flow F {
        state A
        final state Done { state Inner }
      }
    `;
    expect(findings(text, CODE)).toEqual([at(text, CODE, 'Inner')]);
  });
});
