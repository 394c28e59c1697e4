import { describe, expect, it } from 'vitest';
import { durationText } from '../../../compiler/graph/duration-text.js';

describe('durationText', () => {
  it('uses the largest unit that divides exactly', () => {
    expect(durationText(32_000)).toBe('32s');
    expect(durationText(120_000)).toBe('2m');
    expect(durationText(7_200_000)).toBe('2h');
    expect(durationText(90_000)).toBe('90s');
    expect(durationText(1_500)).toBe('1500ms');
  });

  it('writes zero as 0ms', () => {
    expect(durationText(0)).toBe('0ms');
  });
});
