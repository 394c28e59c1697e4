/**
 * Problems found while lowering. The checker runs first, so each of these is
 * a checker gap or a compiler bug, never something to throw on: lowering
 * reports it as a FLOW3xxx diagnostic and the file produces no output.
 */
import type { Span } from '../../grammar/source.js';
import type { Diagnostic } from '../../grammar/diagnostic.js';
import type { EMIT_CODES } from '../catalog.js';

/** Lowering met a name or construct the checker should have rejected. */
export const LOWER_UNRESOLVED: keyof typeof EMIT_CODES = 'FLOW3001';

export class LoweringErrors {
  readonly diagnostics: Diagnostic[] = [];

  constructor(private readonly path: string) {}

  unresolved(message: string, span: Span): void {
    this.diagnostics.push({
      code: LOWER_UNRESOLVED,
      severity: 'error',
      message,
      path: this.path,
      span,
      related: [],
      help: 'the checker should have reported this; please report a flowc bug',
    });
  }
}
