import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FingerprintSet } from '../../../runtime/trace/fingerprint-set.js';

const fingerprint = fc.tuple(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }));
/** The set compares halves with bit 0 of the second ignored (it marks used slots): keys that differ only there are one key. */
const key = ([a, b]: [number, number]): string => `${a}:${b | 1}`;

describe('FingerprintSet', () => {
  it('holds what was added, through growth and clearing, and nothing else', () => {
    fc.assert(
      fc.property(fc.array(fingerprint, { maxLength: 3000 }), fc.array(fingerprint, { maxLength: 200 }), (added, others) => {
        const set = new FingerprintSet(8);
        const seen = new Set<string>();
        for (const f of added) {
          expect(set.add(f[0], f[1])).toBe(seen.has(key(f)));
          seen.add(key(f));
        }
        expect(set.size).toBe(seen.size);
        for (const f of added) expect(set.has(f[0], f[1])).toBe(true);
        for (const f of others) expect(set.has(f[0], f[1])).toBe(seen.has(key(f)));
        set.clear();
        expect(set.size).toBe(0);
        for (const f of added.slice(0, 50)) expect(set.has(f[0], f[1])).toBe(false);
      }),
      { numRuns: 60 },
    );
  });
});
