import { describe, expect, it } from 'vitest';
import { at, findings, flow } from './harness.js';

const CODE = 'FLOW2002';

describe('UniqueStateNames', () => {
  it('accepts distinct names at any depth', () => {
    const text = flow`
      flow F {
        state A { state A1 }
        state B { state B1 }
      }
    `;
    expect(findings(text, CODE)).toEqual([]);
  });

  it('reports a nested state reusing a top-level name', () => {
    const text = flow`
      flow F {
        state A { state B }
        state B
      }
    `;
    expect(findings(text, CODE)).toEqual([at(text, CODE, 'B', 2)]);
  });
});
