/**
 * The tiny harness every rule test goes through: parse a snippet (it must be
 * free of syntax errors, so a test cannot pass on a broken fixture), run the
 * checker, and keep `{code, line, column}` of the diagnostics with the code
 * under test. Tests assert codes and positions, never wording.
 */
import { expect } from 'vitest';
import { parseFlowFile } from '../../../grammar/parse.js';
import { check } from '../../../compiler/check.js';
import type { Diagnostic } from '../../../grammar/diagnostic.js';

export interface At {
  readonly code: string;
  readonly line: number;
  readonly column: number;
}

export function diagnosticsOf(text: string, path = 'test.flow'): readonly Diagnostic[] {
  const parsed = parseFlowFile({ path, text });
  expect(parsed.diagnostics.map((d) => `${d.code} ${d.span.start.line}:${d.span.start.column} ${d.message}`)).toEqual([]);
  return check(parsed.file);
}

/** The diagnostics of `code` in `text`, as `{code, line, column}`. */
export function findings(text: string, code: string): At[] {
  return diagnosticsOf(text)
    .filter((d) => d.code === code)
    .map((d) => ({ code: d.code, line: d.span.start.line, column: d.span.start.column }));
}

/** Line and column (1-based) of the `nth` occurrence of `needle` in `text`: where a finding must point. */
export function locate(text: string, needle: string, nth = 1): { line: number; column: number } {
  let offset = -1;
  for (let i = 0; i < nth; i++) {
    offset = text.indexOf(needle, offset + 1);
    if (offset < 0) throw new Error(`test bug: \`${needle}\` occurs fewer than ${nth} times`);
  }
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

/** `{code, line, column}` of a finding expected at the `nth` occurrence of `needle`. */
export function at(text: string, code: string, needle: string, nth = 1): At {
  return { code, ...locate(text, needle, nth) };
}

/** Strips a common indent so snippets read naturally in tests; line numbers count from the first line. */
export function flow(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ''), '');
  const lines = raw.replace(/^\n/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)?.[0].length ?? 0));
  return lines.map((l) => l.slice(indent)).join('\n');
}
