import { describe, expect, it } from 'vitest';
import { at, findings, flow } from './harness.js';

const CODE = 'FLOW2004';

describe('UniqueDeclarationNames', () => {
  it('accepts one name per namespace, even across namespaces', () => {
    const text = flow`
      flow F {
        leg agent
        event agent
        emit Done()
        input x: int
        var y: int = 0
        state S
      }
    `;
    expect(findings(text, CODE)).toEqual([]);
  });

  it('reports a leg twice and an input reused as a var', () => {
    const text = flow`
      flow F {
        leg agent
        leg agent
        input x: int
        var x: int = 0
        state S
      }
    `;
    expect(findings(text, CODE)).toEqual([at(text, CODE, 'agent', 2), at(text, CODE, 'x', 2)]);
  });
});
