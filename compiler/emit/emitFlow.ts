/**
 * Prints a FlowModel as generated files: `Name.flow.ts` always (it is the
 * source of the others), `.js` by transpiling it, `.d.ts` from the same
 * type structures. The only module that loads ts-morph; compile() imports
 * it lazily.
 */
import { IndentationText, Project, ts } from 'ts-morph';
import type { FlowModel } from '../model.js';
import { declarationStructure, headerComment, moduleStructure } from './moduleStructure.js';

export type GeneratedKind = 'ts' | 'js' | 'd.ts';

export interface EmittedFlow {
  readonly ts: string;
  readonly js?: string;
  readonly dts?: string;
}

let project: Project | undefined;

/** One in-memory project reused across calls: creating one costs more than printing a module. */
function printer(): Project {
  project ??= new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: { indentationText: IndentationText.TwoSpaces },
  });
  return project;
}

export function emitFlow(model: FlowModel, kinds: ReadonlySet<GeneratedKind>): EmittedFlow {
  const p = printer();
  const file = p.createSourceFile(`/${model.name}.flow.ts`, moduleStructure(model), { overwrite: true });
  // The printer leaves a space after `=` before a union that starts on the next line.
  const text = file.getFullText().replace(/[ \t]+$/gm, '');
  p.removeSourceFile(file);
  const emitted: { ts: string; js?: string; dts?: string } = { ts: text };
  if (kinds.has('js')) emitted.js = `${headerComment(model)}\n${transpile(text, model.name)}`;
  if (kinds.has('d.ts')) {
    const dts = p.createSourceFile(`/${model.name}.flow.d.ts`, declarationStructure(model), { overwrite: true });
    emitted.dts = dts.getFullText().replace(/[ \t]+$/gm, '');
    p.removeSourceFile(dts);
  }
  return emitted;
}

function transpile(text: string, name: string): string {
  return ts.transpileModule(text, {
    fileName: `${name}.flow.ts`,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
  }).outputText;
}
