import { describe, expect, it } from 'vitest';
import { at, findings, flow } from './harness.js';

const CODE = 'FLOW2038';

describe('UnshadowedTransitions', () => {
  it('accepts guarded alternatives and one fallback last', () => {
    const text = flow`
      flow F {
        leg agent
        state S {
          on agent.failed when status == 486 -> Busy
          on agent.failed when status >= 500 -> S
          on agent.failed -> S
        }
        state Busy
      }
    `;
    expect(findings(text, CODE)).toEqual([]);
  });

  it('reports after an unguarded one, and the same guard twice', () => {
    const text = flow`
      flow F {
        leg agent
        state S {
          on agent.failed when status == 486 -> Busy
          on agent.failed when status==486 -> S
          on agent.hangup -> S
          on agent.hangup when true -> Busy
        }
        state Busy
      }
    `;
    expect(findings(text, CODE)).toEqual([at(text, CODE, 'agent.failed', 2), at(text, CODE, 'agent.hangup', 2)]);
  });
});
