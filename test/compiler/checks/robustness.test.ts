import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { check } from '../../../compiler/check.js';
import { parseFlowFile } from '../../../grammar/parse.js';

/**
 * The checker never throws on user input, even on the partial trees the
 * parser salvages from broken files (compile() does not check those, but
 * editors and `flowc check --keep-going` may). Every fixture is cut short at
 * fifty places and has fifty single lines removed; each result is checked.
 */
const fixtures = new URL('../../fixtures/', import.meta.url);
const sources = [
  ...['valid', 'invalid'].flatMap((dir) =>
    readdirSync(new URL(`${dir}/`, fixtures))
      .filter((f) => f.endsWith('.flow'))
      .map((f) => readFileSync(new URL(`${dir}/${f}`, fixtures), 'utf8')),
  ),
  readFileSync(new URL('../../../flows/pom/external-transfer.flow', import.meta.url), 'utf8'),
];

function variants(text: string): string[] {
  const lines = text.split('\n');
  const out: string[] = [];
  for (let k = 1; k <= 50; k++) {
    out.push(text.slice(0, Math.floor((text.length * k) / 51)));
    const drop = Math.floor((lines.length * k) / 51);
    out.push(lines.filter((_, i) => i !== drop).join('\n'));
  }
  return out;
}

describe('check on broken input', () => {
  it('returns diagnostics and never throws', () => {
    let checked = 0;
    for (const source of sources) {
      for (const text of variants(source)) {
        const { file } = parseFlowFile({ path: 'broken.flow', text });
        const diagnostics = check(file);
        expect(Array.isArray(diagnostics)).toBe(true);
        checked++;
      }
    }
    expect(checked).toBe(sources.length * 100);
  });
});
