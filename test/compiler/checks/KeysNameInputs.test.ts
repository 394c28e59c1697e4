import { describe, expect, it } from 'vitest';
import { at, findings, flow } from './harness.js';

const CODE = 'FLOW2021';

describe('KeysNameInputs', () => {
  it('accepts a key naming an input', () => {
    const text = flow`
      flow F {
        key id
        input id: string
        state S
      }
    `;
    expect(findings(text, CODE)).toEqual([]);
  });

  it('reports a key naming a var', () => {
    const text = flow`
      flow F {
        key id
        var id: string = ""
        state S
      }
    `;
    expect(findings(text, CODE)).toEqual([at(text, CODE, 'id')]);
  });
});
