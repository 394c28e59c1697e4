import { describe, expect, it } from 'vitest';
import { childStates, contains, internalTransitions, stateName, targetedTransitions, topLevelInitial, topLevelStates } from '../../../compiler/graph/state-tree.js';
import { modelsOfFile, nestedParallelPath, onlyModel } from './flow-models.js';

const model = onlyModel(modelsOfFile(nestedParallelPath));
const byName = (name: string): number => model.states.findIndex((s) => s.name === name);
const state = (name: string) => {
  const found = model.states[byName(name)];
  if (found === undefined) throw new Error(`no state ${name}`);
  return found;
};

describe('state-tree', () => {
  it('reads the top level and its initial state', () => {
    expect(topLevelStates(model).map((s) => s.name)).toEqual(['Off', 'Working']);
    expect(topLevelInitial(model)).toBe(byName('Off'));
  });

  it('tests containment by the document-order ranges', () => {
    expect(contains(state('Working'), byName('Talking'))).toBe(true);
    expect(contains(state('Phone'), byName('Written'))).toBe(false);
    expect(contains(state('Busy'), byName('Busy'))).toBe(false);
    expect(childStates(model, state('Busy')).map((s) => s.name)).toEqual(['Alerting', 'Connected', 'Hung']);
  });

  it('separates targetless transitions from edges', () => {
    expect(internalTransitions(model, state('Notes')).map((t) => t.trigger.type)).toEqual(['Ping']);
    expect(internalTransitions(model, state('Quiet'))).toHaveLength(1);
    expect(targetedTransitions(model).every((t) => t.target !== undefined)).toBe(true);
    expect(targetedTransitions(model).length + 3).toBe(model.transitions.length);
  });

  it('names states, with a visible marker for an id the model does not have', () => {
    expect(stateName(model, byName('Held'))).toBe('Held');
    expect(stateName(model, 999)).toBe('#999');
  });
});
