import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOG, EMIT_CODES, SEMANTIC_CODES, SIMULATE_CODES, TYPECHECK_CODES, catalogEntry } from '../../../compiler/catalog.js';
import { RULES } from '../../../compiler/checks/index.js';
import { SYNTAX_CODES } from '../../../grammar/syntax-codes.js';

describe('the diagnostics catalog', () => {
  it('has no duplicate codes, across all phases', () => {
    const codes = CATALOG.map((e) => e.code);
    expect(codes.length).toBe(new Set(codes).size);
    const groups = [SYNTAX_CODES, SEMANTIC_CODES, EMIT_CODES, TYPECHECK_CODES, SIMULATE_CODES].map((g) => Object.keys(g));
    expect(codes.length).toBe(groups.reduce((n, g) => n + g.length, 0));
  });

  it('keeps each phase in its range', () => {
    const ranges: [Record<string, unknown>, string][] = [
      [SYNTAX_CODES, '1'],
      [SEMANTIC_CODES, '2'],
      [EMIT_CODES, '3'],
      [SIMULATE_CODES, '4'],
    ];
    for (const [group, digit] of ranges) {
      for (const code of Object.keys(group)) expect(code).toMatch(new RegExp(`^FLOW${digit}\\d{3}$`));
    }
  });

  it('reserves the simulator codes', () => {
    expect(['FLOW4001', 'FLOW4002', 'FLOW4003'].map((c) => catalogEntry(c)?.code)).toEqual(['FLOW4001', 'FLOW4002', 'FLOW4003']);
  });

  it('has an entry for every rule code, one rule per code and one rule per semantic code', () => {
    const ruleCodes = RULES.map((r) => r.code);
    for (const code of ruleCodes) expect(catalogEntry(code)?.code).toBe(code);
    expect(ruleCodes.length).toBe(new Set(ruleCodes).size);
    expect([...ruleCodes].sort()).toEqual(Object.keys(SEMANTIC_CODES).sort());
  });

  it('registers every rule file of compiler/checks under its file name', () => {
    const dir = new URL('../../../compiler/checks/', import.meta.url);
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(RULES.map((r) => r.name).sort()).toEqual(files);
  });

  it('has a test file for every rule', () => {
    const tests = new Set(readdirSync(new URL('./', import.meta.url)));
    expect(RULES.map((r) => r.name).filter((name) => !tests.has(`${name}.test.ts`))).toEqual([]);
  });
});
