/**
 * The semantic phase: runs every rule of the registry over a parsed file.
 * Seam owned by the checker: replaced by the rule registry (compiler/checks/).
 */
import type { FlowFile } from '../grammar/ast.js';
import type { Diagnostic } from '../grammar/diagnostic.js';

export function check(file: FlowFile): readonly Diagnostic[] {
  void file;
  return [];
}
