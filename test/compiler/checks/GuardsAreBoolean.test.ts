import { describe, expect, it } from 'vitest';
import { at, findings, flow } from './harness.js';

const CODE = 'FLOW2051';

describe('GuardsAreBoolean', () => {
  it('accepts bool guards', () => {
    const text = flow`
      flow F {
        event Go
        var n: int = 0
        state S { on Go when n > 0 -> S }
      }
    `;
    expect(findings(text, CODE)).toEqual([]);
  });

  it('reports an int guard', () => {
    const text = flow`
      flow F {
        event Go
        var n: int = 0
        state S { on Go when n + 1 -> S }
      }
    `;
    expect(findings(text, CODE)).toEqual([at(text, CODE, 'n + 1')]);
  });
});
