import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonChunks, simulationJson } from '../../../runtime/report/index.js';
import { simulate } from '../../../runtime/simulate/index.js';
import { readTrace } from '../../../runtime/trace/index.js';
import { CAPTURE_INPUT, externalTransfer, TRACES } from '../simulate/fixtures.js';
import { failingResult, passingResult, REPORT_FLOW } from './hand-built-result.js';

const joined = (value: unknown, depth?: number): string => [...jsonChunks(value, depth)].join('');

/** JSON-like values with what JSON.stringify leaves out or writes as null: undefined fields, holes, functions, non-finite numbers. */
const awkward = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.double(),
    fc.string({ unit: 'binary' }),
    fc.constant(undefined),
    fc.constant(() => 1),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.sparseArray(tie('value'), { maxLength: 6 }),
    fc.dictionary(fc.string(), tie('value'), { maxKeys: 5 }),
  ),
})).value;

describe('jsonChunks', () => {
  it('gives the text JSON.stringify(value, null, 2) gives, at every depth it walks', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 6 }), (value, depth) => {
        expect(joined(value, depth)).toBe(JSON.stringify(value, null, 2));
      }),
    );
  });

  it('leaves out and writes null where JSON.stringify does (undefined, holes, functions, NaN)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), awkward), fc.integer({ min: 0, max: 6 }), (value, depth) => {
        expect(joined(value, depth)).toBe(JSON.stringify(value, null, 2));
      }),
    );
    expect(joined({ a: undefined, b: [undefined, , () => 1, NaN], c: {} })).toBe(JSON.stringify({ a: undefined, b: [undefined, , () => 1, NaN], c: {} }, null, 2));
    expect(joined({ when: new Date(0) })).toBe(JSON.stringify({ when: new Date(0) }, null, 2));
  });

  it('writes the --json document of real replays as JSON.stringify does', async () => {
    const { machine } = await externalTransfer();
    const results = ['external-transfer-happy.pcap', 'external-transfer-customer-busy.pcap', 'external-transfer-bye-without-notify.pcap'].map((file) =>
      simulate(machine, readTrace(readFileSync(join(TRACES, file)), file), { input: CAPTURE_INPUT }),
    );
    const doc = simulationJson([...results, passingResult(), failingResult()], [REPORT_FLOW]);
    expect(joined(doc)).toBe(JSON.stringify(doc, null, 2));
  });

  it('writes a document longer than the longest string V8 can make', () => {
    // 520 references to one 1 MiB string: 545 million characters, past V8's 2^29 - 24 characters.
    const megabyte = 'x'.repeat(1 << 20);
    const doc = { results: Array.from({ length: 520 }, () => ({ steps: [megabyte] })) };
    expect(() => JSON.stringify(doc, null, 2)).toThrow(RangeError);
    let length = 0;
    let pieces = 0;
    for (const chunk of jsonChunks(doc)) {
      length += chunk.length;
      pieces++;
    }
    const perResult = `{\n      "steps": [\n        "${megabyte}"\n      ]\n    }`.length;
    expect(length).toBe('{\n  "results": [\n    '.length + 520 * perResult + 519 * ',\n    '.length + '\n  ]\n}'.length);
    expect(pieces).toBeGreaterThan(520);
  });
});
