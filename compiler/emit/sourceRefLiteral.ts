/** A SourceRef as an object literal in generated code. */
import type { SourceRef } from '../../runtime/values.js';

export function sourceRefLiteral(at: SourceRef): string {
  return `{ line: ${at.line}, column: ${at.column} }`;
}
