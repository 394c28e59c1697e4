import { describe, expect, it } from 'vitest';
import { at, findings, flow } from './harness.js';

const CODE = 'FLOW2012';

describe('UniqueArguments', () => {
  it('accepts each field once', () => {
    const text = flow`
      flow F {
        emit Alarm(code: string)
        state S { entry { emit Alarm(code: "x") } }
      }
    `;
    expect(findings(text, CODE)).toEqual([]);
  });

  it('reports a field given twice', () => {
    const text = flow`
      flow F {
        emit Alarm(code: string)
        state S { entry { emit Alarm(code: "x", code: "y") } }
      }
    `;
    expect(findings(text, CODE)).toEqual([at(text, CODE, 'code', 3)]);
  });
});
