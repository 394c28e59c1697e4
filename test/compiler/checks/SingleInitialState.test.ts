import { describe, expect, it } from 'vitest';
import { at, findings, flow } from './harness.js';

const CODE = 'FLOW2030';

describe('SingleInitialState', () => {
  it('accepts one initial per level', () => {
    const text = flow`
      flow F {
        initial state A { initial state A1; state A2 }
        state B
      }
    `;
    expect(findings(text, CODE)).toEqual([]);
  });

  it('reports two initials among siblings', () => {
    const text = flow`
      flow F {
        initial state A
        initial state B
      }
    `;
    expect(findings(text, CODE)).toEqual([at(text, CODE, 'initial', 2)]);
  });
});
