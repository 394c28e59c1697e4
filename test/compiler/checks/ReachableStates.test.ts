import { describe, expect, it } from 'vitest';
import { at, findings, flow } from './harness.js';

const CODE = 'FLOW2035';

describe('ReachableStates', () => {
  it('accepts states reached by transitions, initial children and regions', () => {
    const text = flow`
      flow F {
        event Go
        event Jump
        initial state A {
          on Go -> B
          on Jump -> D
        }
        state B {
          state B1 { on Go -> B2 }
          parallel state B2 { state R1; state R2 }
        }
        state C { state C1 { state C2 } }
        state D { on Go -> C2 }
      }
    `;
    expect(findings(text, CODE)).toEqual([]);
  });

  it('reports an orphan (once, not its children)', () => {
    const text = flow`
      flow F {
        event Go
        initial state A { on Go -> A }
        state Orphan { state Child }
      }
    `;
    expect(findings(text, CODE)).toEqual([at(text, CODE, 'Orphan')]);
  });
});
