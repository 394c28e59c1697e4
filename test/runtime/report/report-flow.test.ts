import { describe, expect, it } from 'vitest';
import type { FlowDescription } from '../../../runtime/machine.js';
import { leafStates, sourceLine } from '../../../runtime/report/report-flow.js';
import { REPORT_FLOW } from './hand-built-result.js';

const NESTED: FlowDescription = {
  ...REPORT_FLOW.description,
  states: [
    { name: 'Call', kind: 'parallel', at: { line: 1, column: 1 } },
    { name: 'Media', kind: 'compound', parent: 'Call', at: { line: 2, column: 1 } },
    { name: 'Playing', kind: 'atomic', parent: 'Media', at: { line: 3, column: 1 } },
    { name: 'Signalling', kind: 'compound', parent: 'Call', at: { line: 4, column: 1 } },
    { name: 'Up', kind: 'atomic', parent: 'Signalling', at: { line: 5, column: 1 } },
  ],
};

describe('report flow', () => {
  it('names a configuration by its innermost states', () => {
    expect(leafStates({ description: NESTED }, ['Call', 'Media', 'Playing', 'Signalling', 'Up'])).toEqual(['Playing', 'Up']);
    expect(leafStates(REPORT_FLOW, ['Talking'])).toEqual(['Talking']);
  });

  it('gives source lines untrimmed, and nothing without the source', () => {
    expect(sourceLine(REPORT_FLOW, 6)).toBe('  state Talking {');
    expect(sourceLine(REPORT_FLOW, 0)).toBeUndefined();
    expect(sourceLine({ description: REPORT_FLOW.description }, 6)).toBeUndefined();
  });
});
