import { describe, expect, it } from 'vitest';
import { at, findings, flow } from './harness.js';

const CODE = 'FLOW2037';

describe('ModifiersAreNotRepeated', () => {
  it('accepts distinct modifiers', () => {
    const text = flow`
      flow F {
        initial parallel state P { state A; state B }
      }
    `;
    expect(findings(text, CODE)).toEqual([]);
  });

  it('reports initial twice', () => {
    const text = flow`
      flow F {
        initial initial state S
      }
    `;
    expect(findings(text, CODE)).toEqual([at(text, CODE, 'initial', 2)]);
  });
});
