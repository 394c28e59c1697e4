import { describe, expect, it } from 'vitest';
import { at, findings, flow } from './harness.js';

const CODE = 'FLOW2005';

describe('UniqueFieldNames', () => {
  it('accepts distinct fields', () => {
    const text = flow`
      flow F {
        event E(a: int, b: int)
        state S
      }
    `;
    expect(findings(text, CODE)).toEqual([]);
  });

  it('reports a field twice in an emit', () => {
    const text = flow`
      flow F {
        emit E(a: int, a: string)
        state S
      }
    `;
    expect(findings(text, CODE)).toEqual([at(text, CODE, 'a:', 2)]);
  });
});
