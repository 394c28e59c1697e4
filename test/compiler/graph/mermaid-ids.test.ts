import { describe, expect, it } from 'vitest';
import { mermaidIds } from '../../../compiler/graph/mermaid-ids.js';
import { modelsOfText } from './flow-models.js';

const flow = (name: string, states: readonly string[]): string =>
  `flow ${name} {\n  event Go\n${states.map((s, i) => `  ${i === 0 ? 'initial ' : ''}state ${s} { on Go -> ${states[0] ?? s} }`).join('\n')}\n}\n`;

describe('mermaidIds', () => {
  it('uses state names as ids for a single flow', () => {
    const [ids] = mermaidIds(modelsOfText(flow('A', ['Idle', 'Busy'])));
    expect(ids?.wrapper).toBeUndefined();
    expect([ids?.state(0), ids?.state(1)]).toEqual(['Idle', 'Busy']);
  });

  it('aliases names the Mermaid lexer reads as keywords or marker ids', () => {
    const [ids] = mermaidIds(modelsOfText(flow('A', ['Idle', 'Default', 'Style', 'Busy_start', 'Root'])));
    expect([1, 2, 3, 4].map((id) => ids?.state(id))).toEqual(['Default_', 'Style_', 'Busy_start_', 'Root_']);
  });

  it('prefixes ids with the flow name when flows share a diagram, and never repeats an id', () => {
    const models = modelsOfText(`${flow('A', ['B_C'])}${flow('A_B', ['C'])}`);
    const [a, ab] = mermaidIds(models);
    expect([a?.wrapper, ab?.wrapper]).toEqual(['A', 'A_B']);
    expect(a?.state(0)).toBe('A_B_C');
    expect(ab?.state(0)).toBe('A_B_C_');
  });
});
