import { describe, expect, it } from 'vitest';
import { decodeDuration, decodeString } from '../../grammar/literals.js';
import { expression, slice } from './harness.js';

describe('literals', () => {
  it('normalises durations to milliseconds and keeps their text', () => {
    const cases: [string, number][] = [
      ['500ms', 500],
      ['2s', 2_000],
      ['1m', 60_000],
      ['1h', 3_600_000],
      ['0s', 0],
      ['45s', 45_000],
    ];
    for (const [text, ms] of cases) {
      const { expr } = expression(text);
      expect(expr).toMatchObject({ kind: 'DurationLiteral', ms, text });
    }
  });

  it('decodes string escapes', () => {
    const { expr, text } = expression('"a\\"b\\\\c\\nd\\te"');
    expect(expr).toMatchObject({ kind: 'StringLiteral', value: 'a"b\\c\nd\te' });
    expect(slice(text, expr.span)).toBe('"a\\"b\\\\c\\nd\\te"');
  });

  it('reads integers and booleans', () => {
    expect(expression('486').expr).toMatchObject({ kind: 'IntLiteral', value: 486 });
    expect(expression('true').expr).toMatchObject({ kind: 'BoolLiteral', value: true });
    expect(expression('false').expr).toMatchObject({ kind: 'BoolLiteral', value: false });
  });

  it('decodes malformed literals leniently, flagging what is wrong', () => {
    expect(decodeString('"abc')).toMatchObject({ value: 'abc', terminated: false });
    expect(decodeString('"abc\\"')).toMatchObject({ value: 'abc"', terminated: false });
    expect(decodeString('"a\\qb"')).toEqual({ value: 'aqb', badEscapes: [2], terminated: true });
    expect(decodeDuration('5sec')).toEqual({ ms: 0, unit: 'sec', validUnit: false });
  });
});
