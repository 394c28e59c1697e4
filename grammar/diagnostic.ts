/**
 * A diagnostic as every phase (grammar, compiler, simulate) returns it: a code from the catalog, a
 * lowercase message without a final period, the smallest span, related spans
 * and an optional `help:`. Rendering (file:line:col, code frame) happens only
 * at the edge (bin/ and the renderer), never here.
 */
import type { Span } from './source.js';

export type Severity = 'error' | 'warning';

export interface RelatedSpan {
  readonly path: string;
  readonly span: Span;
  readonly label: string;
}

export interface Diagnostic {
  /** `FLOW1001`.. syntax, `FLOW2xxx` semantic, `FLOW3xxx` emit, `FLOW4xxx` simulate. */
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly path: string;
  readonly span: Span;
  /** Label under the primary span in the code frame. */
  readonly label?: string;
  readonly related: readonly RelatedSpan[];
  readonly help?: string;
}
