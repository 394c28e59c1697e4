import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sdpField, trimmed, trimmedRange } from '../../../runtime/sip/sdp-fields.js';

/** Text with every kind of whitespace `trim()` and `\s` know, and characters close to them. */
const text = fc
  .array(fc.constantFrom('a', 'IN', 'IP4', '0.0.0.0', '/', ' ', '  ', '\t', '\r', '\n', '\v', '\f', '\u00a0', '\u1680', '\u2003', '\u2028', '\u202f', '\u3000', '\ufeff', '\u0085', '\u200b', 'é'), {
    maxLength: 12,
  })
  .map((parts) => parts.join(''));

describe('SDP fields without splitting', () => {
  it('sdpField(n) is trim().split(/\\s+/)[n]', () => {
    fc.assert(
      fc.property(text, fc.nat(4), (value, n) => {
        expect(sdpField(value, 0, value.length, n)).toBe(value.trim().split(/\s+/)[n]);
      }),
      { numRuns: 2000 },
    );
  });

  it('trimmedRange is where trim() cuts', () => {
    fc.assert(
      fc.property(text, (value) => {
        trimmedRange(value, 0, value.length);
        expect(value.slice(trimmed.start, trimmed.end)).toBe(value.trim());
      }),
      { numRuns: 2000 },
    );
  });

  it('reads a range of a longer text', () => {
    const line = 'xx m=audio  20000 RTP/AVP 0 yy';
    expect([0, 1, 2, 3, 4].map((n) => sdpField(line, 5, line.length - 3, n))).toEqual(['audio', '20000', 'RTP/AVP', '0', undefined]);
  });
});
