import { describe, expect, it } from 'vitest';
import { parallelEdges } from '../../../compiler/graph/parallel-edges.js';
import { targetedTransitions } from '../../../compiler/graph/state-tree.js';
import { modelsOfText, onlyModel } from './flow-models.js';

describe('parallelEdges', () => {
  it('groups transitions by source and target, in order of first appearance', () => {
    const model = onlyModel(
      modelsOfText(`
flow P {
  event X
  event Y
  event Z
  initial state A {
    on X -> B
    on Y -> A
    on Z -> B
  }
  state B { on X -> A }
}
`),
    );
    const groups = parallelEdges(targetedTransitions(model)).map((g) => [g.source, g.target, g.transitions.map((t) => t.id)]);
    expect(groups).toEqual([
      [0, 1, [0, 2]],
      [0, 0, [1]],
      [1, 0, [3]],
    ]);
  });
});
