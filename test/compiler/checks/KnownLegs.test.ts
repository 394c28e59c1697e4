import { describe, expect, it } from 'vitest';
import { at, findings, flow } from './harness.js';

const CODE = 'FLOW2006';

describe('KnownLegs', () => {
  it('accepts declared legs in triggers and verbs', () => {
    const text = flow`
      flow F {
        leg agent
        leg customer
        state S {
          entry { bridge agent customer }
          on agent.hangup -> S
        }
      }
    `;
    expect(findings(text, CODE)).toEqual([]);
  });

  it('reports an undeclared leg in a trigger and in a verb', () => {
    const text = flow`
      flow F {
        leg agent
        state S {
          entry { hangup agnet }
          on custmer.hangup -> S
        }
      }
    `;
    expect(findings(text, CODE)).toEqual([at(text, CODE, 'agnet'), at(text, CODE, 'custmer')]);
  });
});
