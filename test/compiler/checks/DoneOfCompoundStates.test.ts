import { describe, expect, it } from 'vitest';
import { at, findings, flow } from './harness.js';

const CODE = 'FLOW2017';

describe('DoneOfCompoundStates', () => {
  it('accepts done() of a compound state', () => {
    const text = flow`
      flow F {
        state C {
          state X
          final state Y
        }
        state D { on done(C) -> D }
      }
    `;
    expect(findings(text, CODE)).toEqual([]);
  });

  it('reports done() of an atomic state', () => {
    const text = flow`
      flow F {
        state A
        state D { on done(A) -> D }
      }
    `;
    expect(findings(text, CODE)).toEqual([at(text, CODE, 'A)')]);
  });
});
