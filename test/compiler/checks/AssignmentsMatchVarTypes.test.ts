import { describe, expect, it } from 'vitest';
import { at, findings, flow } from './harness.js';

const CODE = 'FLOW2052';

describe('AssignmentsMatchVarTypes', () => {
  it('accepts a value of the var type, a string into a uri', () => {
    const text = flow`
      flow F {
        var n: int = 0
        var u: uri = "sip:a@x"
        state S { entry { set n = n + 1; set u = "sip:b@x" } }
      }
    `;
    expect(findings(text, CODE)).toEqual([]);
  });

  it('reports a string into an int', () => {
    const text = flow`
      flow F {
        var n: int = 0
        state S { entry { set n = "one" } }
      }
    `;
    expect(findings(text, CODE)).toEqual([at(text, CODE, '"one"')]);
  });
});
