import { describe, expect, it } from 'vitest';
import { at, findings, flow } from './harness.js';

const CODE = 'FLOW2062';

describe('AnswersTargetInboundLegs', () => {
  it('accepts answer and reject on an inbound leg', () => {
    const text = flow`
      flow F {
        leg caller inbound
        event Go
        state S {
          entry { answer caller }
          on Go { reject caller 486 }
        }
      }
    `;
    expect(findings(text, CODE)).toEqual([]);
  });

  it('reports answer on an outbound leg', () => {
    const text = flow`
      flow F {
        leg agent
        state S { entry { answer agent } }
      }
    `;
    expect(findings(text, CODE)).toEqual([at(text, CODE, 'agent }')]);
  });
});
