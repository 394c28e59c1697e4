import { describe, expect, it } from 'vitest';
import { at, findings, flow } from './harness.js';

const CODE = 'FLOW2070';

describe('HangupsAreHandled', () => {
  it('accepts a dialling leg without a hangup handler and a connected one with it', () => {
    const text = flow`
      flow F {
        leg agent
        initial state Dialing {
          entry { dial agent to "sip:a@x" timeout 30s }
          on agent.answered -> Talking
          on agent.failed -> Done
        }
        state Talking { on agent.hangup -> Done }
        final state Done
      }
    `;
    expect(findings(text, CODE)).toEqual([]);
  });

  it('accepts a handler on an enclosing state or in a concurrent region', () => {
    const text = flow`
      flow F {
        leg agent
        event Next
        initial state Dialing {
          entry { dial agent to "sip:a@x" timeout 30s }
          on agent.answered -> Call
          on agent.failed -> Done
        }
        state Call {
          on agent.hangup -> Done
          state Talking { on Next -> Wrapup }
          state Wrapup
        }
        parallel state Both {
          state Media { on agent.hangup -> Done }
          state Desk
        }
        final state Done
      }
    `;
    expect(findings(text, CODE)).toEqual([]);
  });

  it('reports a state the connected leg reaches without a handler', () => {
    const text = flow`
      flow F {
        leg agent
        event Next
        initial state Dialing {
          entry { dial agent to "sip:a@x" timeout 30s }
          on agent.answered -> Talking
          on agent.failed -> Done
        }
        state Talking {
          on agent.hangup -> Done
          on Next -> Wrapup
        }
        state Wrapup { on Next -> Done { hangup agent } }
        final state Done
      }
    `;
    expect(findings(text, CODE)).toEqual([at(text, CODE, 'Wrapup', 2)]);
  });

  it('reports a state where the far end may answer unexpected and then hang up', () => {
    const text = flow`
      flow F {
        leg agent
        initial state Ringing {
          entry { dial agent to "sip:a@x" }
          on agent.failed -> Done
          after 10s -> Done { cancel agent }
        }
        final state Done
      }
    `;
    expect(findings(text, CODE)).toEqual([at(text, CODE, 'Ringing')]);
  });
});
