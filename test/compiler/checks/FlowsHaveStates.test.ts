import { describe, expect, it } from 'vitest';
import { at, findings, flow } from './harness.js';

const CODE = 'FLOW2036';

describe('FlowsHaveStates', () => {
  it('accepts a flow with a state', () => {
    const text = flow`
      flow F { state S }
    `;
    expect(findings(text, CODE)).toEqual([]);
  });

  it('reports a flow with declarations only', () => {
    const text = flow`
      flow Empty { leg agent }
    `;
    expect(findings(text, CODE)).toEqual([at(text, CODE, 'Empty')]);
  });
});
