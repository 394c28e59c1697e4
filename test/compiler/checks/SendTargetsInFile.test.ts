import { describe, expect, it } from 'vitest';
import { at, findings, flow } from './harness.js';

const CODE = 'FLOW2013';

describe('SendTargetsInFile', () => {
  it('accepts a send to a flow of the same file', () => {
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

  it('reports a send to a flow outside the file', () => {
    const text = flow`
      flow B { state S { entry { send Ping() to Agent("x") } } }
    `;
    expect(findings(text, CODE)).toEqual([at(text, CODE, 'Agent')]);
  });
});
