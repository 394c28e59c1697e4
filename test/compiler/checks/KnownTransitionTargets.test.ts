import { describe, expect, it } from 'vitest';
import { at, findings, flow } from './harness.js';

const CODE = 'FLOW2003';

describe('KnownTransitionTargets', () => {
  it('accepts targets anywhere in the flow', () => {
    const text = flow`
      flow F {
        state A { on Go -> Deep }
        state B { state Deep }
        event Go
      }
    `;
    expect(findings(text, CODE)).toEqual([]);
  });

  it('reports a misspelt target', () => {
    const text = flow`
      flow F {
        event Go
        state Talking
        state A { on Go -> Talkng }
      }
    `;
    expect(findings(text, CODE)).toEqual([at(text, CODE, 'Talkng')]);
  });
});
