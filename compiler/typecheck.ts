/**
 * `flowc compile --typecheck`: type-checks the generated `.ts` and `.d.ts`
 * with the TypeScript compiler (through ts-morph) under the strictest
 * settings a consumer may use, against flowc's own runtime types, and finds
 * any `any` in them. Generated code is meant to pass always; this is how a
 * user (or CI) proves it for their flows without a tsconfig of their own.
 * ts-morph takes ~0.5 s to load, so it is imported only here, only when asked.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../grammar/diagnostic.js';
import type { Position, Span } from '../grammar/source.js';
import type { TYPECHECK_CODES } from './catalog.js';
import type { GeneratedFile } from './compile.js';

const NOT_TYPED: keyof typeof TYPECHECK_CODES = 'FLOW3002';
const ANY_TYPE: keyof typeof TYPECHECK_CODES = 'FLOW3003';

export interface TypecheckResult {
  readonly diagnostics: Diagnostic[];
  /** How many generated files were checked. */
  readonly checked: number;
}

/**
 * Type-checks `files` (their `.ts` and `.d.ts`; `.js` is left out) in one
 * program, so the runtime's types are read once for every module.
 * Diagnostics point into the generated files by their paths.
 */
export async function typecheckGenerated(files: readonly GeneratedFile[]): Promise<TypecheckResult> {
  const typed = files.filter((f) => f.kind === 'ts' || f.kind === 'd.ts');
  if (typed.length === 0) return { diagnostics: [], checked: 0 };
  const { Project, SyntaxKind, ts } = await import('ts-morph');
  const runtime = runtimeTypes();
  const project = new Project({
    skipAddingFilesFromTsConfig: true,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      lib: ['lib.es2023.d.ts'],
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
      paths: { 'flowc/runtime': [runtime] },
    },
  });
  // Under a folder of their own (names made unique), so that a `.ts` and its `.d.ts`
  // are separate modules and nothing beside the user's flows joins the program.
  const root = join(dirname(runtime), '..', '.flowc-typecheck');
  const placed = typed.map((file, index) => ({ file, source: project.createSourceFile(join(root, `${index}`, fileName(file)), file.text, { overwrite: true }) }));
  const diagnostics: Diagnostic[] = [];
  for (const { file, source } of placed) {
    for (const d of source.getPreEmitDiagnostics()) {
      const start = d.getStart() ?? 0;
      diagnostics.push({
        code: NOT_TYPED,
        severity: 'error',
        message: `generated module does not type-check: ${ts.flattenDiagnosticMessageText(d.compilerObject.messageText, ' ')}`,
        path: file.path,
        span: spanIn(file.text, start, start + (d.getLength() ?? 0)),
        label: `TS${d.getCode()}`,
        related: [],
        help: 'generated code should always type-check: please report this with the .flow file',
      });
    }
    for (const node of source.getDescendantsOfKind(SyntaxKind.AnyKeyword)) {
      diagnostics.push({
        code: ANY_TYPE,
        severity: 'error',
        message: 'generated module uses `any`',
        path: file.path,
        span: spanIn(file.text, node.getStart(), node.getEnd()),
        related: [],
        help: 'generated code should never use `any`: please report this with the .flow file',
      });
    }
  }
  return { diagnostics, checked: placed.length };
}

/** The runtime's declarations: `.d.ts` beside the built compiler, or the `.ts` sources when run from them. */
function runtimeTypes(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const built = join(here, '..', 'runtime', 'index.d.ts');
  return existsSync(built) ? built : join(here, '..', 'runtime', 'index.ts');
}

function fileName(file: GeneratedFile): string {
  return file.path.slice(file.path.lastIndexOf('/') + 1);
}

function spanIn(text: string, start: number, end: number): Span {
  return { start: positionIn(text, start), end: positionIn(text, Math.max(start, end)) };
}

function positionIn(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { offset, line, column: offset - lineStart + 1 };
}
