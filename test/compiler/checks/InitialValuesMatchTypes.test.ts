import { describe, expect, it } from 'vitest';
import { at, findings, flow } from './harness.js';

const CODE = 'FLOW2053';

describe('InitialValuesMatchTypes', () => {
  it('accepts matching initial values and defaults', () => {
    const text = flow`
      flow F {
        input t: duration = 30s
        input s: status = 486
        var ok: bool = false
        state S
      }
    `;
    expect(findings(text, CODE)).toEqual([]);
  });

  it('reports an int default for a duration and a string for a bool', () => {
    const text = flow`
      flow F {
        input t: duration = 30
        var ok: bool = "no"
        state S
      }
    `;
    expect(findings(text, CODE)).toEqual([at(text, CODE, '30'), at(text, CODE, '"no"')]);
  });
});
