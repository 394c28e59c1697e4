import { describe, expect, it } from 'vitest';
import { at, findings, flow } from './harness.js';

const CODE = 'FLOW2014';

describe('KnownSendEvents', () => {
  it('accepts an event the target declares', () => {
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

  it('reports an event the target does not declare', () => {
    const text = flow`
      flow A {
        key id
        input id: string
        event Ping
        state S
      }
      flow B { state S { entry { send Pong() to A("x") } } }
    `;
    expect(findings(text, CODE)).toEqual([at(text, CODE, 'Pong')]);
  });
});
