import { describe, expect, it } from 'vitest';
import { at, findings, flow } from './harness.js';

const CODE = 'FLOW2071';

describe('DialFailuresAreHandled', () => {
  it('accepts a failed handler, a dial timeout, or a timer around the state', () => {
    const text = flow`
      flow F {
        leg a
        leg b
        leg c
        state A {
          entry { dial a to "sip:a@x" }
          on a.failed -> A
        }
        state B { entry { dial b to "sip:b@x" timeout 20s } }
        state Outer {
          after 30s -> Outer
          state C { entry { dial c to "sip:c@x" } }
        }
      }
    `;
    expect(findings(text, CODE)).toEqual([]);
  });

  it('reports a dial in entry and one in a transition that lands where nothing handles failure', () => {
    const text = flow`
      flow F {
        leg a
        leg b
        event Go
        state A {
          entry { dial a to "sip:a@x" }
          on a.answered -> B
          on Go -> B { dial b to "sip:b@x" }
        }
        state B { on a.hangup -> A }
      }
    `;
    expect(findings(text, CODE)).toEqual([at(text, CODE, 'dial a'), at(text, CODE, 'dial b')]);
  });
});
