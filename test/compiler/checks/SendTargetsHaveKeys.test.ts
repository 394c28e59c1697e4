import { describe, expect, it } from 'vitest';
import { at, findings, flow } from './harness.js';

const CODE = 'FLOW2023';

describe('SendTargetsHaveKeys', () => {
  it('accepts a target with a key', () => {
    const text = flow`
      flow A {
        key id
        input id: string
        event Ping
        state S
      }
      flow B { state S { entry { send Ping() to A("x") } } }
    `;
    expect(findings(text, CODE)).toEqual([]);
  });

  it('reports a target without a key', () => {
    const text = flow`
      flow A {
        event Ping
        state S
      }
      flow B { state S { entry { send Ping() to A("x") } } }
    `;
    expect(findings(text, CODE)).toEqual([at(text, CODE, 'A(')]);
  });
});
