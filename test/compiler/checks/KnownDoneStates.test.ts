import { describe, expect, it } from 'vitest';
import { at, findings, flow } from './harness.js';

const CODE = 'FLOW2016';

describe('KnownDoneStates', () => {
  it('accepts done() of a declared state', () => {
    const text = flow`
      flow F {
        state C {
          on done(C) -> End
          state X
          final state Y
        }
        final state End
      }
    `;
    expect(findings(text, CODE)).toEqual([]);
  });

  it('reports done() of an unknown state', () => {
    const text = flow`
      flow F {
        state C { on done(Call) -> C }
      }
    `;
    expect(findings(text, CODE)).toEqual([at(text, CODE, 'Call')]);
  });
});
