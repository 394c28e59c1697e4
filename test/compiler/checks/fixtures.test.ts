/**
 * Runs every fixture: test/fixtures/valid/*.flow must compile clean (no
 * diagnostic at all, warnings included); test/fixtures/invalid/*.flow must
 * produce exactly the diagnostics annotated in them (see test/fixtures/README.md).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogEntry } from '../../../compiler/catalog.js';
import { check } from '../../../compiler/check.js';
import type { Diagnostic } from '../../../grammar/diagnostic.js';
import { parseFlowFile } from '../../../grammar/parse.js';
import { expectedDiagnostics } from './fixture-annotations.js';

const root = new URL('../../fixtures/', import.meta.url);

function flowFiles(dir: string): string[] {
  return readdirSync(new URL(`${dir}/`, root))
    .filter((f) => f.endsWith('.flow'))
    .sort();
}

/** What `compile` would report: syntax errors stop the pipeline before the checker. */
function diagnose(path: string, text: string): readonly Diagnostic[] {
  const parsed = parseFlowFile({ path, text });
  return parsed.diagnostics.length > 0 ? parsed.diagnostics : check(parsed.file);
}

const show = (d: Diagnostic): string => `${d.span.start.line}:${d.span.start.column} ${d.code}`;

describe('fixture annotations', () => {
  it('point at the nearest line above that is not an annotation, one entry per code', () => {
    const text = ['flow F {', '  state S { on Go -> T }', '//                  ^ FLOW2003', '//           ^^ FLOW2008 FLOW2038', '}'].join('\n');
    expect(expectedDiagnostics(text)).toEqual([
      { line: 2, column: 21, code: 'FLOW2003' },
      { line: 2, column: 14, code: 'FLOW2008' },
      { line: 2, column: 14, code: 'FLOW2038' },
    ]);
  });
});

describe('valid fixtures', () => {
  const files = flowFiles('valid');
  it('exist', () => expect(files.length).toBeGreaterThan(0));
  for (const file of files) {
    it(`${file} compiles clean`, () => {
      const text = readFileSync(new URL(`valid/${file}`, root), 'utf8');
      expect(diagnose(`valid/${file}`, text).map((d) => `${show(d)} ${d.message}`)).toEqual([]);
    });
  }
});

describe('invalid fixtures', () => {
  const files = flowFiles('invalid');
  it('exist', () => expect(files.length).toBeGreaterThan(0));
  for (const file of files) {
    it(`${file} reports exactly its annotations`, () => {
      const text = readFileSync(new URL(`invalid/${file}`, root), 'utf8');
      const expected = expectedDiagnostics(text);
      expect(expected.length).toBeGreaterThan(0);
      const actual = diagnose(`invalid/${file}`, text);
      for (const d of actual) expect(catalogEntry(d.code)?.code, `${show(d)} is not in the catalog`).toBe(d.code);
      const key = (x: { line: number; column: number; code: string }): string => `${x.line}:${x.column} ${x.code}`;
      expect(actual.map((d) => key({ line: d.span.start.line, column: d.span.start.column, code: d.code })).sort()).toEqual(
        expected.map(key).sort(),
      );
    });
  }
});
