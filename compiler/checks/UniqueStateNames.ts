/** State names are unique per flow, at any depth: transitions target states by bare name anywhere in the flow. */
import type { Rule } from '../rule.js';

export const UniqueStateNames: Rule = {
  name: 'UniqueStateNames',
  code: 'FLOW2002',
  check(context, report) {
    for (const flow of context.flows) {
      for (const d of flow.symbols.duplicates) {
        if (d.namespace !== 'state') continue;
        report({
          span: d.second.span,
          message: `state \`${d.second.text}\` is declared twice in flow \`${flow.symbols.decl.name.text}\``,
          label: 'declared again here',
          related: [{ path: context.file.path, span: d.first.span, label: 'first declared here' }],
          help: 'state names are unique in the whole flow, nested states included',
        });
      }
    }
  },
};
