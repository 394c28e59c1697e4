import { describe, expect, it } from 'vitest';
import { at, findings, flow } from './harness.js';

const CODE = 'FLOW2020';

describe('AssignmentsTargetVars', () => {
  it('accepts a declared var', () => {
    const text = flow`
      flow F {
        var n: int = 0
        state S { entry { set n = 1 } }
      }
    `;
    expect(findings(text, CODE)).toEqual([]);
  });

  it('reports an input and an unknown name', () => {
    const text = flow`
      flow F {
        input limit: int
        var n: int = 0
        state S { entry { set limit = 1; set m = 2 } }
      }
    `;
    expect(findings(text, CODE)).toEqual([at(text, CODE, 'limit', 2), at(text, CODE, 'm =')]);
  });
});
