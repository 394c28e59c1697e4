/**
 * The whole compiler, fed random and mutated flows, never throws and always
 * returns diagnostics whose spans lie inside the text. Mutations work on the
 * token level of the real seed flows, so most inputs get far into the
 * checker and the code generator, not just the lexer.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.js';
import type { Diagnostic } from '../../grammar/diagnostic.js';

const root = new URL('../../', import.meta.url).pathname;

function flowFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? flowFiles(join(dir, e.name)) : e.name.endsWith('.flow') ? [join(dir, e.name)] : [],
  );
}

const seeds = flowFiles(join(root, 'flows')).map((path) => readFileSync(path, 'utf8'));

/** Words and punctuation the way the lexer would cut them; whitespace kept so lines survive. */
const tokensOf = (text: string): string[] => text.match(/\s+|"(?:[^"\\]|\\.)*"|[A-Za-z_][A-Za-z0-9_]*|\d+[a-z]*|->|[=!<>]=|&&|\|\||./g) ?? [];

const VOCABULARY = ['state', 'on', '->', '{', '}', '(', ')', 'dial', 'hangup', 'after', '2s', 'when', '==', '"x"', 'initial', 'final', 'parallel', 'leg', 'emit', 'set', '.', ',', ';', 'refer', 'to', 'replacing', 'in', 'done'];

type Mutation = { kind: 'delete' | 'duplicate' | 'insert' | 'swap'; at: number; word: string; other: number };

function mutate(tokens: readonly string[], mutations: readonly Mutation[]): string {
  const out = [...tokens];
  for (const m of mutations) {
    if (out.length === 0) break;
    const i = m.at % out.length;
    const j = m.other % out.length;
    const here = out[i] ?? '';
    if (m.kind === 'delete') out.splice(i, 1);
    else if (m.kind === 'duplicate') out.splice(i, 0, here);
    else if (m.kind === 'insert') out.splice(i, 0, ` ${m.word} `);
    else {
      out[i] = out[j] ?? '';
      out[j] = here;
    }
  }
  return out.join('');
}

function assertWellFormed(diagnostics: readonly Diagnostic[], text: string): void {
  for (const d of diagnostics) {
    expect(d.code).toMatch(/^FLOW\d{4}$/);
    expect(d.span.start.offset).toBeGreaterThanOrEqual(0);
    expect(d.span.start.offset).toBeLessThanOrEqual(d.span.end.offset);
    expect(d.span.end.offset).toBeLessThanOrEqual(text.length);
    expect(d.span.start.line).toBeGreaterThanOrEqual(1);
    expect(d.span.start.column).toBeGreaterThanOrEqual(1);
    for (const r of d.related) expect(r.span.start.offset).toBeLessThanOrEqual(r.span.end.offset);
  }
}

const mutationArb = fc.record({
  kind: fc.constantFrom<Mutation['kind']>('delete', 'duplicate', 'insert', 'swap'),
  at: fc.nat(),
  word: fc.constantFrom(...VOCABULARY),
  other: fc.nat(),
});

describe('compile() on hostile input', () => {
  it('has seed flows to mutate', () => {
    expect(seeds.length).toBeGreaterThanOrEqual(1);
  });

  it('never throws on mutated seed flows, and its diagnostic spans are inside the text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.array(mutationArb, { minLength: 1, maxLength: 6 }), async (pick, mutations) => {
        const text = mutate(tokensOf(seeds[pick % seeds.length] ?? ''), mutations);
        const result = await compile([{ path: 'mutated.flow', text }], { kinds: ['ts'] });
        assertWellFormed(result.diagnostics, text);
        // A file either yields code or explains why not.
        if (result.files.length === 0) expect(result.diagnostics.some((d) => d.severity === 'error')).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('never throws on random text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }), async (text) => {
        const result = await compile([{ path: 'random.flow', text }], { kinds: ['ts'] });
        assertWellFormed(result.diagnostics, text);
      }),
      { numRuns: 100 },
    );
  });
});
