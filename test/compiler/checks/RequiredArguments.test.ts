import { describe, expect, it } from 'vitest';
import { at, findings, flow } from './harness.js';

const CODE = 'FLOW2011';

describe('RequiredArguments', () => {
  it('accepts every field given', () => {
    const text = flow`
      flow F {
        key id
        input id: string
        event Ping(n: int)
        state S { entry { send Ping(n: 1) to F("a") } }
      }
    `;
    expect(findings(text, CODE)).toEqual([]);
  });

  it('reports a send missing a field of the target event', () => {
    const text = flow`
      flow F {
        key id
        input id: string
        event Ping(n: int, m: int)
        state S { entry { send Ping(n: 1) to F("a") } }
      }
    `;
    expect(findings(text, CODE)).toEqual([at(text, CODE, 'Ping(n: 1)')]);
  });
});
