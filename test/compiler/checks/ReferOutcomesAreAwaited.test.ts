import { describe, expect, it } from 'vitest';
import { at, findings, flow } from './harness.js';

const CODE = 'FLOW2074';

describe('ReferOutcomesAreAwaited', () => {
  it('accepts a notify handler in the referring state or a rejection handler inside it', () => {
    const text = flow`
      flow F {
        leg external
        leg customer
        event Transfer
        state A {
          entry { refer external to customer replacing }
          on external.notify when status >= 200 -> B
        }
        state B {
          on Transfer -> C { refer customer to "sip:c@x" }
        }
        state C {
          state Waiting { on customer.referRejected -> B }
        }
      }
    `;
    expect(findings(text, CODE)).toEqual([]);
  });

  it('reports a refer whose outcome nothing waits for', () => {
    const text = flow`
      flow F {
        leg external
        leg customer
        state A {
          entry { refer external to customer replacing }
          on external.hangup -> B
          on customer.notify -> B
        }
        state B
      }
    `;
    expect(findings(text, CODE)).toEqual([at(text, CODE, 'refer external')]);
  });
});
