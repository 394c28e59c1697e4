import { describe, expect, it } from 'vitest';
import { at, findings, flow } from './harness.js';

const CODE = 'FLOW2009';

describe('KnownEmits', () => {
  it('accepts declared emits', () => {
    const text = flow`
      flow F {
        emit Alarm(code: string)
        state S { entry { emit Alarm(code: "x") } }
      }
    `;
    expect(findings(text, CODE)).toEqual([]);
  });

  it('reports emitting an undeclared event', () => {
    const text = flow`
      flow F {
        emit Alarm(code: string)
        state S { entry { emit Alarm2(code: "x") } }
      }
    `;
    expect(findings(text, CODE)).toEqual([at(text, CODE, 'Alarm2')]);
  });
});
