import { describe, expect, it } from 'vitest';
import { at, findings, flow } from './harness.js';

const CODE = 'FLOW2073';

describe('HeldLegsAreReleased', () => {
  it('accepts a hold that a later transition unholds or hands over', () => {
    const text = flow`
      flow F {
        leg customer
        leg external
        event Consult
        event Back
        event Transfer
        state Talking { on Consult -> Consulting }
        state Consulting {
          entry { hold customer music "moh" }
          on Back -> Talking { unhold customer }
        }
        state Holding {
          on Transfer -> Transferring { hold customer }
        }
        state Transferring {
          entry { refer external to customer replacing }
          on external.notify -> Talking
        }
      }
    `;
    expect(findings(text, CODE)).toEqual([]);
  });

  it('reports a hold from which no path releases the leg', () => {
    const text = flow`
      flow F {
        leg customer
        event Consult
        event Done
        state Talking { on Consult -> Consulting }
        state Consulting {
          entry { hold customer music "moh" }
          on Done -> Wrapup
        }
        state Wrapup { on Done -> Wrapup }
      }
    `;
    expect(findings(text, CODE)).toEqual([at(text, CODE, 'hold customer')]);
  });
});
