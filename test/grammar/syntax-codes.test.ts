import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SYNTAX_CODES } from '../../grammar/syntax-codes.js';

const codesIn = (dir: URL): Set<string> =>
  new Set(
    readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) => readFileSync(new URL(f, dir), 'utf8').match(/FLOW\d{4}/g) ?? []),
  );

describe('SYNTAX_CODES', () => {
  const catalog = Object.keys(SYNTAX_CODES);

  it('holds only FLOW1xxx codes, each with a lowercase title', () => {
    for (const [code, entry] of Object.entries(SYNTAX_CODES)) {
      expect(code).toMatch(/^FLOW1\d{3}$/);
      expect(entry.title).toMatch(/^[a-z`]/);
    }
  });

  it('lists every code the grammar reports', () => {
    const used = codesIn(new URL('../../grammar/', import.meta.url));
    expect([...used].filter((code) => !catalog.includes(code))).toEqual([]);
  });

  it('has a test that expects each of its codes', () => {
    const tested = new Set(
      readdirSync(new URL('./', import.meta.url))
        .filter((f) => f.endsWith('.test.ts') && f !== 'syntax-codes.test.ts')
        .flatMap((f) => readFileSync(new URL(f, import.meta.url), 'utf8').match(/code: 'FLOW1\d{3}'/g) ?? [])
        .map((m) => m.slice(7, 15)),
    );
    expect(catalog.filter((code) => !tested.has(code))).toEqual([]);
  });
});
