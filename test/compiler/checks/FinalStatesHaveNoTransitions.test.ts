import { describe, expect, it } from 'vitest';
import { at, findings, flow } from './harness.js';

const CODE = 'FLOW2032';

describe('FinalStatesHaveNoTransitions', () => {
  it('accepts transitions on non-final states', () => {
    const text = flow`
      flow F {
        event Go
        state A { on Go -> Done }
        final state Done
      }
    `;
    expect(findings(text, CODE)).toEqual([]);
  });

  it('reports an on and an after in a final state', () => {
    const text = flow`
      flow F {
        event Go
        state A
        final state Done {
          on Go -> A
          after 2s -> A
        }
      }
    `;
    expect(findings(text, CODE)).toEqual([at(text, CODE, 'Go ->'), at(text, CODE, '2s')]);
  });
});
