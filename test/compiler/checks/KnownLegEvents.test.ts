import { describe, expect, it } from 'vitest';
import { at, findings, flow } from './harness.js';

const CODE = 'FLOW2007';

describe('KnownLegEvents', () => {
  it('accepts every known leg event', () => {
    const text = flow`
      flow F {
        leg a
        state S {
          on a.ringing
          on a.referRejected
          on a.notify
        }
      }
    `;
    expect(findings(text, CODE)).toEqual([]);
  });

  it('reports an unknown leg event', () => {
    const text = flow`
      flow F {
        leg a
        state S { on a.answerd -> S }
      }
    `;
    expect(findings(text, CODE)).toEqual([at(text, CODE, 'answerd')]);
  });
});
