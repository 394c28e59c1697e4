import { describe, expect, it } from 'vitest';
import { at, findings, flow } from './harness.js';

const CODE = 'FLOW2008';

describe('KnownEventTriggers', () => {
  it('accepts declared events', () => {
    const text = flow`
      flow F {
        event Consult
        state S { on Consult -> S }
      }
    `;
    expect(findings(text, CODE)).toEqual([]);
  });

  it('reports an undeclared event', () => {
    const text = flow`
      flow F {
        event Consult
        state S { on Consul -> S }
      }
    `;
    expect(findings(text, CODE)).toEqual([at(text, CODE, 'Consul ')]);
  });
});
