/** Flow names are unique in a file: `send ... to Name(key)` must know which flow it means. */
import type { Rule } from '../rule.js';

export const UniqueFlowNames: Rule = {
  name: 'UniqueFlowNames',
  code: 'FLOW2001',
  check(context, report) {
    for (const d of context.symbols.duplicates) {
      report({
        span: d.second.span,
        message: `flow \`${d.second.text}\` is declared twice`,
        label: 'declared again here',
        related: [{ path: context.file.path, span: d.first.span, label: 'first declared here' }],
      });
    }
  },
};
