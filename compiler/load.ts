/**
 * Loads generated machines in-process (simulate, tests): each module is
 * imported from a `data:` URL, which works because generated JavaScript
 * imports nothing at run time (its runtime imports are type-only).
 */
import type { AnyFlowMachine } from '../runtime/machine.js';
import type { GeneratedFile } from './compile.js';

/**
 * The machines exported by the given generated files. `.js` files are
 * imported as they are; a flow with only its `.ts` is transpiled first.
 */
export async function loadMachines(files: readonly GeneratedFile[]): Promise<AnyFlowMachine[]> {
  const flowsWithJs = new Set(files.filter((f) => f.kind === 'js').map((f) => f.flow));
  const modules: string[] = files.filter((f) => f.kind === 'js').map((f) => f.text);
  const tsOnly = files.filter((f) => f.kind === 'ts' && !flowsWithJs.has(f.flow));
  if (tsOnly.length > 0) {
    const { ts } = await import('ts-morph');
    for (const file of tsOnly) {
      modules.push(
        ts.transpileModule(file.text, {
          fileName: file.path,
          compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
        }).outputText,
      );
    }
  }
  const machines: AnyFlowMachine[] = [];
  for (const text of modules) {
    const namespace: unknown = await import(`data:text/javascript;base64,${Buffer.from(text).toString('base64')}`);
    if (typeof namespace !== 'object' || namespace === null) continue;
    for (const value of Object.values(namespace)) if (isFlowMachine(value)) machines.push(value);
  }
  return machines;
}

/** What a generated module exports as its machine; checked because the import is untyped. */
export function isFlowMachine(value: unknown): value is AnyFlowMachine {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v['name'] === 'string' &&
    typeof v['initial'] === 'function' &&
    typeof v['transition'] === 'function' &&
    Array.isArray(v['states']) &&
    Array.isArray(v['transitions'])
  );
}
