import { describe, expect, it } from 'vitest';
import { at, findings, flow } from './harness.js';

const CODE = 'FLOW2015';

describe('KnownInStates', () => {
  it('accepts in() of a declared state', () => {
    const text = flow`
      flow F {
        event Go
        state S { on Go when in(S) -> S }
      }
    `;
    expect(findings(text, CODE)).toEqual([]);
  });

  it('reports in() of an unknown state', () => {
    const text = flow`
      flow F {
        event Go
        state S { on Go when in(Busy) -> S }
      }
    `;
    expect(findings(text, CODE)).toEqual([at(text, CODE, 'Busy')]);
  });
});
