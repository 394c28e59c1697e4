/**
 * Prints a FlowModel as generated files: `Name.flow.ts` and `Name.flow.js`
 * from one walk (the JavaScript is the TypeScript with its types left out),
 * `Name.flow.d.ts` from the declarations alone. Plain text: nothing here
 * loads TypeScript.
 */
import type { FlowModel } from '../model.js';
import { writeDeclarationFile, writeModule } from './generatedModule.js';
import { ModuleWriter } from './moduleWriter.js';

export type GeneratedKind = 'ts' | 'js' | 'd.ts';

export interface EmittedFlow {
  readonly ts?: string;
  readonly js?: string;
  readonly dts?: string;
}

export function emitFlow(model: FlowModel, kinds: ReadonlySet<GeneratedKind>): EmittedFlow {
  const emitted: { ts?: string; js?: string; dts?: string } = {};
  if (kinds.has('ts') || kinds.has('js')) {
    const module = new ModuleWriter({ ts: kinds.has('ts'), js: kinds.has('js') });
    writeModule(module, model);
    if (kinds.has('ts')) emitted.ts = module.typeScript();
    if (kinds.has('js')) emitted.js = module.javaScript();
  }
  if (kinds.has('d.ts')) {
    const declarations = new ModuleWriter({ ts: true, js: false });
    writeDeclarationFile(declarations, model);
    emitted.dts = declarations.typeScript();
  }
  return emitted;
}
