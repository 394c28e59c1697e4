import { describe, expect, it } from 'vitest';
import { at, findings, flow } from './harness.js';

const CODE = 'FLOW2010';

describe('KnownArguments', () => {
  it('accepts declared fields', () => {
    const text = flow`
      flow F {
        emit Alarm(code: string)
        state S { entry { emit Alarm(code: "x") } }
      }
    `;
    expect(findings(text, CODE)).toEqual([]);
  });

  it('reports an argument the emit does not declare', () => {
    const text = flow`
      flow F {
        emit Alarm(code: string)
        state S { entry { emit Alarm(code: "x", level: 2) } }
      }
    `;
    expect(findings(text, CODE)).toEqual([at(text, CODE, 'level')]);
  });
});
