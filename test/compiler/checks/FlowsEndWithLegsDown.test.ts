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
