/**
 * The semantic phase: runs every rule of the registry (compiler/checks/) over
 * a parsed file and returns the diagnostics in source order. Meant for files
 * without syntax errors; on others it still returns values, never throws.
 */
import type { FlowFile } from '../grammar/ast.js';
import type { Diagnostic } from '../grammar/diagnostic.js';
import { catalogEntry } from './catalog.js';
import { createCheckContext } from './check-context.js';
import { RULES } from './checks/index.js';
import type { Rule } from './rule.js';

export function check(file: FlowFile): readonly Diagnostic[] {
  return runRules(file, RULES);
}

/** Runs the given rules only (tests run one rule at a time through this). */
export function runRules(file: FlowFile, rules: readonly Rule[]): readonly Diagnostic[] {
  const context = createCheckContext(file);
  const diagnostics: Diagnostic[] = [];
  for (const rule of rules) {
    const severity = catalogEntry(rule.code)?.severity ?? 'error';
    rule.check(context, (finding) => {
      diagnostics.push({
        code: rule.code,
        severity,
        message: finding.message,
        path: file.path,
        span: finding.span,
        ...(finding.label === undefined ? {} : { label: finding.label }),
        related: finding.related ?? [],
        ...(finding.help === undefined ? {} : { help: finding.help }),
      });
    });
  }
  // Stable sort: at one position, rules keep registry (code) order.
  return diagnostics.sort((a, b) => a.span.start.offset - b.span.start.offset);
}
