import { describe, expect, it } from 'vitest';
import { diagnosticsOf, at, findings, flow, locate } from './harness.js';

const CODE = 'FLOW2072';

describe('FlowsEndWithLegsDown', () => {
  it('accepts flows that hang up or cancel on the way out', () => {
    const text = flow`
      flow F {
        leg agent
        event Abort
        initial state Dialing {
          entry { dial agent to "sip:a@x" timeout 30s }
          on agent.answered -> Talking
          on agent.failed -> Done
          on Abort -> Done { cancel agent }
        }
        state Talking {
          on agent.hangup -> Done
          on Abort -> Done { hangup agent }
        }
        final state Done
      }
    `;
    expect(findings(text, CODE)).toEqual([]);
  });

  it('reports a final state entered with a leg still up, pointing at the transition', () => {
    const text = flow`
      flow F {
        leg agent
        event Abort
        initial state Dialing {
          entry { dial agent to "sip:a@x" timeout 30s }
          on agent.answered -> Talking
          on agent.failed -> Done
        }
        state Talking {
          on agent.hangup -> Done
          on Abort -> Gone
        }
        final state Done
        final state Gone
      }
    `;
    expect(findings(text, CODE)).toEqual([at(text, CODE, 'Gone', 2)]);
    const [d] = diagnosticsOf(text).filter((x) => x.code === CODE);
    expect(d?.related.map((r) => ({ line: r.span.start.line, column: r.span.start.column }))).toEqual([locate(text, 'Gone')]);
  });

  it('reports a leg still dialling when the flow ends', () => {
    const text = flow`
      flow F {
        leg agent
        event Abort
        initial state Dialing {
          entry { dial agent to "sip:a@x" timeout 30s }
          on agent.failed -> Done
          on agent.answered -> Done { hangup agent }
          on Abort -> Aborted
        }
        final state Done
        final state Aborted
      }
    `;
    expect(findings(text, CODE)).toEqual([at(text, CODE, 'Aborted', 2)]);
  });
});

describe('FlowsEndWithLegsDown with nailed legs', () => {
  /** Where a finding on final state `name` points: its last occurrence, the declaration's name. */
  const final = (text: string, name: string): ReturnType<typeof at> => at(text, CODE, name, text.split(name).length - 1);
  // The same flow twice: only the `nailed` modifier differs, so the test fails if the modifier stops mattering.
  const ending = (modifiers: string): string => flow`
    flow F {
      leg agent ${modifiers}
      leg customer
      event Abort
      initial state Nailing {
        entry { dial agent to "sip:a@x" timeout 30s }
        on agent.answered -> Outreach
        on agent.failed -> Done
      }
      state Outreach {
        entry { dial customer to "sip:c@x" timeout 30s }
        on customer.failed -> Done
        on customer.answered -> Talking
        on agent.hangup -> Done { cancel customer }
      }
      state Talking {
        on agent.hangup -> Done { hangup customer }
        on customer.hangup -> Done
        on Abort -> Gone
      }
      final state Done
      final state Gone
    }
  `;

  it('skips an outbound nailed leg left up, and still reports the other legs', () => {
    const plain = ending('');
    expect(findings(plain, CODE)).toEqual([final(plain, 'Done'), final(plain, 'Gone'), final(plain, 'Gone')]);
    const nailed = ending('nailed');
    expect(findings(nailed, CODE)).toEqual([final(nailed, 'Gone')]);
    expect(diagnosticsOf(nailed).filter((d) => d.code === CODE).map((d) => d.message)).toEqual([
      'the flow may end in `Gone` with `customer` still connected',
    ]);
  });

  it('skips an inbound nailed leg (an agent that called in to be nailed)', () => {
    const text = (modifiers: string): string => flow`
      flow F {
        leg agent ${modifiers}
        event Abort
        initial state Offered {
          entry { answer agent }
          on agent.hangup -> Done
          on Abort -> Done
        }
        final state Done
      }
    `;
    expect(findings(text('inbound'), CODE)).toEqual([final(text('inbound'), 'Done')]);
    expect(findings(text('inbound nailed'), CODE)).toEqual([]);
  });
});
