import { describe, expect, it } from 'vitest';
import { at, findings, flow } from './harness.js';

const CODE = 'FLOW2022';

describe('SingleKeyPerFlow', () => {
  it('accepts one key', () => {
    const text = flow`
      flow F {
        key id
        input id: string
        state S
      }
    `;
    expect(findings(text, CODE)).toEqual([]);
  });

  it('reports two keys', () => {
    const text = flow`
      flow F {
        key id
        key other
        input id: string
        input other: string
        state S
      }
    `;
    expect(findings(text, CODE)).toEqual([at(text, CODE, 'key other')]);
  });
});
