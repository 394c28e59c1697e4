import { describe, expect, it } from 'vitest';
import { modelOf } from './lowerSource.js';

describe('state numbering', () => {
  const model = modelOf(`
    flow F {
      state A {
        state A1
        initial state A2 { state A2x }
      }
      initial parallel state P {
        state R1
        state R2
      }
      final state Done
    }`);

  it('numbers states in document order with parent, kind, depth and last descendant', () => {
    expect(model.states.map((s) => [s.id, s.name, s.parent, s.kind, s.depth, s.end])).toEqual([
      [0, 'A', undefined, 'compound', 1, 3],
      [1, 'A1', 0, 'atomic', 2, 1],
      [2, 'A2', 0, 'compound', 2, 3],
      [3, 'A2x', 2, 'atomic', 3, 3],
      [4, 'P', undefined, 'parallel', 1, 6],
      [5, 'R1', 4, 'atomic', 2, 5],
      [6, 'R2', 4, 'atomic', 2, 6],
      [7, 'Done', undefined, 'final', 1, 7],
    ]);
  });

  it('takes the `initial` child, else the first, and enters all regions at start', () => {
    expect(model.states[0]?.initial).toBe(2);
    expect(model.states[2]?.initial).toBe(3);
    expect(model.states[4]?.initial).toBeUndefined();
    expect(model.initialEntry).toEqual([4, 5, 6]);
    expect(model.hasParallel).toBe(true);
  });
});
