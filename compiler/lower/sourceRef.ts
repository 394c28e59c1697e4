/** A span's start as the 1-based line/column the runtime reports in `at`. */
import type { Span } from '../../grammar/source.js';
import type { SourceRef } from '../../runtime/values.js';

export function sourceRef(span: Span): SourceRef {
  return { line: span.start.line, column: span.start.column };
}
