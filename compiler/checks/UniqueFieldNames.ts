/** The fields of an event or emit declaration have distinct names. */
import type { Rule } from '../rule.js';

export const UniqueFieldNames: Rule = {
  name: 'UniqueFieldNames',
  code: 'FLOW2005',
  check(context, report) {
    for (const flow of context.flows) {
      for (const d of flow.symbols.duplicates) {
        if (d.namespace !== 'field') continue;
        report({
          span: d.second.span,
          message: `field \`${d.second.text}\` is declared twice in \`${d.owner ?? ''}\``,
          label: 'declared again here',
          related: [{ path: context.file.path, span: d.first.span, label: 'first declared here' }],
        });
      }
    }
  },
};
