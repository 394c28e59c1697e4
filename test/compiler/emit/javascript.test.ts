// The emitted .js is the emitted .ts without its types: TypeScript's own transpiler, given the .ts, produces the same tokens.
import { ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { compile, type GeneratedFile } from '../../../compiler/compile.js';
import { allFlowSources } from './flowSources.js';

/** The token texts of a module, comments and whitespace left out: layout may differ, the program may not. */
function tokens(text: string): string[] {
  const scanner = ts.createScanner(ts.ScriptTarget.ES2022, true, ts.LanguageVariant.Standard, text);
  const found: string[] = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) found.push(scanner.getTokenText());
  return found;
}

function transpiled(file: GeneratedFile): string {
  return ts.transpileModule(file.text, {
    fileName: file.path,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
    reportDiagnostics: true,
  }).outputText;
}

/** Where two token lists part, with a few tokens either side; undefined when they are equal. */
function firstDifference(actual: readonly string[], expected: readonly string[]): string | undefined {
  let i = 0;
  while (i < actual.length && i < expected.length && actual[i] === expected[i]) i++;
  if (i === actual.length && i === expected.length) return undefined;
  const around = (list: readonly string[]): string => list.slice(Math.max(0, i - 8), i + 8).join(' ');
  return `token ${i}: .js has \`${around(actual)}\`, transpiled .ts has \`${around(expected)}\``;
}

describe('generated JavaScript equals the generated TypeScript transpiled', () => {
  it.each(allFlowSources().map((s) => [s.path, s] as const))('%s', async (_path, source) => {
    const { files, diagnostics } = await compile([source], { kinds: ['ts', 'js'] });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const flows = [...new Set(files.map((f) => f.flow))];
    expect(flows.length).toBeGreaterThan(0);
    for (const flow of flows) {
      const typeScript = files.find((f) => f.flow === flow && f.kind === 'ts');
      const javaScript = files.find((f) => f.flow === flow && f.kind === 'js');
      if (typeScript === undefined || javaScript === undefined) throw new Error(`${flow}: missing .ts or .js`);
      expect(javaScript.text.split('\n')[0]).toBe(typeScript.text.split('\n')[0]);
      const expected = tokens(transpiled(typeScript));
      const actual = tokens(javaScript.text);
      expect(firstDifference(actual, expected)).toBeUndefined();
      expect(actual.length).toBeGreaterThan(100);
    }
  });
});
