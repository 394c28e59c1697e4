// Every generated module type-checks under strict settings against the runtime contract, with no `any`.
import { join } from 'node:path';
import { Project, SyntaxKind, ts, type SourceFile } from 'ts-morph';
import { beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../../compiler/compile.js';
import type { Diagnostic } from '../../../grammar/diagnostic.js';
import { allFlowSources, REPO } from './flowSources.js';

function strictProject(): Project {
  return new Project({
    skipAddingFilesFromTsConfig: true,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      lib: ['lib.es2023.d.ts'],
      types: ['node'],
      strict: true,
      noImplicitAny: true,
      noUncheckedIndexedAccess: true,
      exactOptionalPropertyTypes: true,
      noFallthroughCasesInSwitch: true,
      noImplicitReturns: true,
      verbatimModuleSyntax: true,
      isolatedModules: true,
      skipLibCheck: true,
      noEmit: true,
      paths: { 'flowc/runtime': [join(REPO, 'runtime', 'index.ts')] },
    },
  });
}

describe('generated modules type-check', () => {
  const sources = allFlowSources();
  const generated = new Map<string, { files: SourceFile[]; diagnostics: Diagnostic[] }>();

  // One program for every module: the runtime is type-checked once, not once per flow.
  beforeAll(async () => {
    const project = strictProject();
    for (const source of sources) {
      const result = await compile([source], { kinds: ['ts', 'd.ts'] });
      // Beside the repository root, under a name nothing else uses, so only the runtime joins the program.
      const files = result.files.map((f) => project.createSourceFile(join(REPO, '.flowc-typecheck', f.path.replace(/\//g, '_')), f.text));
      generated.set(source.path, { files, diagnostics: result.diagnostics });
    }
  });

  it('finds the seed flows', () => {
    expect(sources.map((s) => s.path)).toContain('flows/pom/external-transfer.flow');
  });

  it.each(sources.map((s) => s.path))('%s', (path) => {
    const entry = generated.get(path);
    expect(entry?.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const files = entry?.files ?? [];
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const diagnostics = file.getPreEmitDiagnostics().map((d) => `${file.getBaseName()}:${d.getLineNumber() ?? 0} ${ts.flattenDiagnosticMessageText(d.compilerObject.messageText, '\n')}`);
      expect(diagnostics).toEqual([]);
      expect(file.getDescendantsOfKind(SyntaxKind.AnyKeyword).map((n) => n.getText())).toEqual([]);
    }
  });
});
