/**
 * The shape of a semantic rule: one invariant, one code, one file in
 * compiler/checks/. A rule reports findings; the checker stamps them with the
 * rule's code, the catalog's severity and the file's path, so a rule cannot
 * emit a code that is not its own or not in the catalog.
 */
import type { RelatedSpan } from '../grammar/diagnostic.js';
import type { Span } from '../grammar/source.js';
import type { SemanticCode } from './catalog.js';
import type { CheckContext } from './check-context.js';

export interface Finding {
  readonly span: Span;
  readonly message: string;
  /** Shown under the primary span in the code frame. */
  readonly label?: string;
  readonly related?: readonly RelatedSpan[];
  readonly help?: string;
}

export type Report = (finding: Finding) => void;

export interface Rule {
  /** The invariant, as the file is named (`UniqueStateNames`). */
  readonly name: string;
  readonly code: SemanticCode;
  check(context: CheckContext, report: Report): void;
}
