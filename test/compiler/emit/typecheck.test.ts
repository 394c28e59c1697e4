// Every generated module type-checks under strict settings against the runtime contract, with no `any`,
// through the compiler's public typecheck (what `flowc compile --typecheck` runs); and that check
// does report a module TypeScript rejects, at its place in the generated file.
import { beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../../compiler/compile.js';
import type { GeneratedFile } from '../../../compiler/compile.js';
import { typecheckGenerated, type TypecheckResult } from '../../../compiler/typecheck.js';
import type { Diagnostic } from '../../../grammar/diagnostic.js';
import { allFlowSources } from './flowSources.js';

describe('generated modules type-check', () => {
  const sources = allFlowSources();
  const compileDiagnostics = new Map<string, Diagnostic[]>();
  const filesOf = new Map<string, GeneratedFile[]>();
  let result: TypecheckResult = { diagnostics: [], checked: 0 };

  // One program for every module: the runtime is type-checked once, not once per flow.
  beforeAll(async () => {
    const all: GeneratedFile[] = [];
    for (const source of sources) {
      const compiled = await compile([source], { kinds: ['ts', 'd.ts'] });
      compileDiagnostics.set(source.path, compiled.diagnostics);
      filesOf.set(source.path, compiled.files);
      all.push(...compiled.files);
    }
    result = await typecheckGenerated(all);
  }, 120_000);

  it('finds the seed flows and checks every generated .ts and .d.ts', () => {
    expect(sources.map((s) => s.path)).toContain('flows/pom/external-transfer.flow');
    expect(result.checked).toBe([...filesOf.values()].reduce((n, files) => n + files.length, 0));
  });

  it.each(sources.map((s) => s.path))('%s', (path) => {
    expect(compileDiagnostics.get(path)?.filter((d) => d.severity === 'error')).toEqual([]);
    const files = filesOf.get(path) ?? [];
    expect(files.length).toBeGreaterThan(0);
    const paths = new Set(files.map((f) => f.path));
    expect(result.diagnostics.filter((d) => paths.has(d.path)).map((d) => `${d.path}:${d.span.start.line} ${d.message}`)).toEqual([]);
  });
});

describe('typecheckGenerated reports what TypeScript rejects', () => {
  const module = (text: string): GeneratedFile => ({ path: 'out/Broken.flow.ts', flow: 'Broken', kind: 'ts', text });

  it('a type error, at its line and column in the generated file', async () => {
    const text = "import type { FlowMachine } from 'flowc/runtime';\nexport type M = FlowMachine;\nexport const n: number = 'one';\n";
    const { diagnostics } = await typecheckGenerated([module(text)]);
    expect(diagnostics.map((d) => ({ code: d.code, path: d.path, line: d.span.start.line, column: d.span.start.column, label: d.label }))).toEqual([
      { code: 'FLOW3002', path: 'out/Broken.flow.ts', line: 3, column: 14, label: 'TS2322' },
    ]);
    expect(diagnostics[0]?.message).toContain("Type 'string' is not assignable to type 'number'");
  });

  it('an import of something the runtime does not export', async () => {
    const { diagnostics } = await typecheckGenerated([module("import type { NoSuchThing } from 'flowc/runtime';\nexport type T = NoSuchThing;\n")]);
    expect(diagnostics.map((d) => d.code)).toEqual(['FLOW3002']);
    expect(diagnostics[0]?.message).toContain('NoSuchThing');
  });

  it('an explicit `any`, which strict mode allows', async () => {
    const { diagnostics } = await typecheckGenerated([module('export const loose: any = 1;\n')]);
    expect(diagnostics.map((d) => ({ code: d.code, line: d.span.start.line, column: d.span.start.column }))).toEqual([{ code: 'FLOW3003', line: 1, column: 21 }]);
  });

  it('leaves .js out', async () => {
    const result = await typecheckGenerated([{ path: 'out/X.flow.js', flow: 'X', kind: 'js', text: 'export const x = ;' }]);
    expect(result).toEqual({ diagnostics: [], checked: 0 });
  });
});
