// Every generated module type-checks under strict settings against the runtime contract, with no `any`.
import { join } from 'node:path';
import { Project, SyntaxKind, ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { compile } from '../../../compiler/compile.js';
import { allFlowSources, REPO } from './flowSources.js';

function strictProject(): Project {
  return new Project({
    skipAddingFilesFromTsConfig: true,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      lib: ['lib.es2023.d.ts'],
      types: [],
      strict: true,
      noImplicitAny: true,
      noUncheckedIndexedAccess: true,
      exactOptionalPropertyTypes: true,
      noFallthroughCasesInSwitch: true,
      noImplicitReturns: true,
      verbatimModuleSyntax: true,
      isolatedModules: true,
      noEmit: true,
      paths: { 'flowc/runtime': [join(REPO, 'runtime', 'index.ts')] },
    },
  });
}

describe('generated modules type-check', () => {
  const sources = allFlowSources();

  it('finds the seed flows', () => {
    expect(sources.map((s) => s.path)).toContain('flows/pom/external-transfer.flow');
  });

  it.each(sources.map((s) => [s.path, s] as const))('%s', async (_path, source) => {
    const result = await compile([source], { kinds: ['ts', 'd.ts'] });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.files.length).toBeGreaterThan(0);
    const project = strictProject();
    // Beside the runtime so nothing else in the repository is in the program.
    const files = result.files.map((f) => project.createSourceFile(join(REPO, '.flowc-typecheck', f.path.replace(/\//g, '_')), f.text));
    const diagnostics = project.getPreEmitDiagnostics().map((d) => {
      const text = ts.flattenDiagnosticMessageText(d.compilerObject.messageText, '\n');
      return `${d.getSourceFile()?.getBaseName() ?? '?'}:${d.getLineNumber() ?? 0} ${text}`;
    });
    expect(diagnostics).toEqual([]);
    for (const file of files) expect(file.getDescendantsOfKind(SyntaxKind.AnyKeyword).map((n) => n.getText())).toEqual([]);
  });
});
