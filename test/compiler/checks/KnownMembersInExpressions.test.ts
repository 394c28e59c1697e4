import { describe, expect, it } from 'vitest';
import { at, findings, flow } from './harness.js';

const CODE = 'FLOW2019';

describe('KnownMembersInExpressions', () => {
  it('accepts event.x and leg.x of the trigger', () => {
    const text = flow`
      flow F {
        leg agent
        state S {
          on agent.failed when event.status == 486 || agent.status == 480 -> S
        }
      }
    `;
    expect(findings(text, CODE)).toEqual([]);
  });

  it('reports event outside on, an unknown field, another leg', () => {
    const text = flow`
      flow F {
        leg agent
        leg other
        var n: int = 0
        state S {
          entry { set n = event.status }
          on agent.failed when event.code == 1 -> S
          on agent.failed when other.status == 1 -> S
        }
      }
    `;
    expect(findings(text, CODE)).toEqual([at(text, CODE, 'event'), at(text, CODE, 'code'), at(text, CODE, 'other.status')]);
  });
});
