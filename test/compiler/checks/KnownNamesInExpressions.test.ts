import { describe, expect, it } from 'vitest';
import { at, findings, flow } from './harness.js';

const CODE = 'FLOW2018';

describe('KnownNamesInExpressions', () => {
  it('accepts event fields, vars and inputs', () => {
    const text = flow`
      flow F {
        leg agent
        input limit: int
        var n: int = 0
        state S {
          on agent.failed when status == 486 && n < limit -> S { set n = n + 1 }
        }
      }
    `;
    expect(findings(text, CODE)).toEqual([]);
  });

  it('reports an unknown name, a leg and a field of another trigger', () => {
    const text = flow`
      flow F {
        leg agent
        var n: int = 0
        event Go
        state S {
          on Go when nn > 0 -> S
          on Go when agent -> S
          entry { set n = status }
        }
      }
    `;
    expect(findings(text, CODE)).toEqual([at(text, CODE, 'nn'), at(text, CODE, 'agent ->'), at(text, CODE, 'status')]);
  });
});
