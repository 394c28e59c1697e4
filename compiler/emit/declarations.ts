/**
 * Module-level function and constant declarations, written with their
 * types in the TypeScript and without them in the JavaScript.
 */
import type { ModuleWriter } from './moduleWriter.js';

export interface FunctionSignature {
  readonly name: string;
  /** `[name, type]` per parameter. */
  readonly parameters?: readonly (readonly [string, string])[];
  readonly returns: string;
  /** One line of doc comment, kept in both outputs. */
  readonly docs?: string;
}

/** `function name(a: A): R { body }`, preceded by a blank line (and its doc comment). */
export function writeFunction(w: ModuleWriter, signature: FunctionSignature, body: () => void): void {
  const parameters = signature.parameters ?? [];
  w.blank();
  if (signature.docs !== undefined) w.line(`/** ${signature.docs} */`);
  w.typed(
    `function ${signature.name}(${parameters.map(([name, type]) => `${name}: ${type}`).join(', ')}): ${signature.returns} {`,
    `function ${signature.name}(${parameters.map(([name]) => name).join(', ')}) {`,
  );
  w.indent(body);
  w.line('}');
}

/** `const name: type = initializer;` on one line, preceded by a blank line (and its doc comment). */
export function writeConstant(w: ModuleWriter, name: string, type: string, initializer: string, docs?: string): void {
  w.blank();
  if (docs !== undefined) w.line(`/** ${docs} */`);
  w.typed(`const ${name}: ${type} = ${initializer};`, `const ${name} = ${initializer};`);
}

/** `const name: type = [` one item per line `];`, or `[]` when empty. */
export function writeConstantArray(w: ModuleWriter, name: string, type: string, items: readonly string[], docs?: string): void {
  if (items.length === 0) {
    writeConstant(w, name, type, '[]', docs);
    return;
  }
  w.blank();
  if (docs !== undefined) w.line(`/** ${docs} */`);
  w.typed(`const ${name}: ${type} = [`, `const ${name} = [`);
  w.indent(() => {
    for (const item of items) w.line(`${item},`);
  });
  w.line('];');
}
