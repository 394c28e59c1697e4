import { describe, expect, it } from 'vitest';
import { at, findings, flow } from './harness.js';

const CODE = 'FLOW2054';

describe('ArgumentsMatchFieldTypes', () => {
  it('accepts arguments of the field types, an int for a status', () => {
    const text = flow`
      flow F {
        emit Failed(status: status, why: string)
        state S { entry { emit Failed(status: 408, why: "timeout") } }
      }
    `;
    expect(findings(text, CODE)).toEqual([]);
  });

  it('reports a string for a status', () => {
    const text = flow`
      flow F {
        emit Failed(status: status)
        state S { entry { emit Failed(status: "408") } }
      }
    `;
    expect(findings(text, CODE)).toEqual([at(text, CODE, '"408"')]);
  });
});
