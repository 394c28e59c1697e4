import { describe, expect, it } from 'vitest';
import { at, findings, flow } from './harness.js';

const CODE = 'FLOW2058';

describe('StatusesAreSipStatuses', () => {
  it('accepts status and int operands in range', () => {
    const text = flow`
      flow F {
        leg caller inbound
        leg agent
        state S {
          entry { reject caller 486; notify agent status 100 }
          on agent.failed { notify agent status status }
        }
      }
    `;
    expect(findings(text, CODE)).toEqual([]);
  });

  it('reports a string status, 200 to reject, 99 to notify', () => {
    const text = flow`
      flow F {
        leg caller inbound
        state S {
          entry { reject caller "busy"; reject caller 200; notify caller status 99 }
        }
      }
    `;
    expect(findings(text, CODE)).toEqual([at(text, CODE, '"busy"'), at(text, CODE, '200'), at(text, CODE, '99')]);
  });
});
