/** A flow declares at most one `key`: `send ... to Flow(k)` passes one value. */
import type { Rule } from '../rule.js';

export const SingleKeyPerFlow: Rule = {
  name: 'SingleKeyPerFlow',
  code: 'FLOW2022',
  check(context, report) {
    for (const flow of context.flows) {
      const [first, ...rest] = flow.symbols.keys;
      if (first === undefined) continue;
      for (const key of rest) {
        report({
          span: key.span,
          message: `flow \`${flow.symbols.decl.name.text}\` declares more than one key`,
          label: 'another key',
          related: [{ path: context.file.path, span: first.span, label: 'first key here' }],
        });
      }
    }
  },
};
