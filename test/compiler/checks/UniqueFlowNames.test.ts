import { describe, expect, it } from 'vitest';
import { at, findings, flow } from './harness.js';

const CODE = 'FLOW2001';

describe('UniqueFlowNames', () => {
  it('accepts distinct flow names', () => {
    const text = flow`
      flow A { state S }
      flow B { state S }
    `;
    expect(findings(text, CODE)).toEqual([]);
  });

  it('reports the second flow of a name', () => {
    const text = flow`
      flow A { state S }
      flow A { state T }
    `;
    expect(findings(text, CODE)).toEqual([at(text, CODE, 'A', 2)]);
  });
});
