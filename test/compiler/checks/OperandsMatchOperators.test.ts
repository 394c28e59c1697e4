import { describe, expect, it } from 'vitest';
import { at, findings, flow } from './harness.js';

const CODE = 'FLOW2050';

describe('OperandsMatchOperators', () => {
  it('accepts the operator table of docs/language.md', () => {
    const text = flow`
      flow F {
        input wrap: duration
        input target: uri
        var n: int = 1 + 2 * 3 % 2 - 4 / 2
        var d: duration = wrap + 5s - 1s
        var e: duration = 2s * 3
        var s: string = "a" + 1 + target
        var b: bool = !(n < 2) && target == "sip:x" || d >= wrap
        var c: bool = -n != 3
        state S
      }
    `;
    expect(findings(text, CODE)).toEqual([]);
  });

  it('reports bool + int, string < string, !int, duration * duration', () => {
    const text = flow`
      flow F {
        var a: int = 1 + true
        var b: bool = "x" < "y"
        var c: bool = !3
        var d: duration = 2s * 2s
        state S
      }
    `;
    expect(findings(text, CODE)).toEqual([at(text, CODE, '1 + true'), at(text, CODE, '"x" < "y"'), at(text, CODE, '!3'), at(text, CODE, '2s * 2s')]);
  });
});
