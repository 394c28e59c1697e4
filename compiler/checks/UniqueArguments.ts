/** An argument list names each field once. */
import type { Rule } from '../rule.js';

export const UniqueArguments: Rule = {
  name: 'UniqueArguments',
  code: 'FLOW2012',
  check(context, report) {
    for (const flow of context.flows) {
      for (const { action } of flow.symbols.actions) {
        if (action.kind !== 'Emit' && action.kind !== 'Send') continue;
        const seen = new Map<string, (typeof action.args)[number]>();
        for (const arg of action.args) {
          const first = seen.get(arg.name.text);
          if (first === undefined) {
            seen.set(arg.name.text, arg);
            continue;
          }
          report({
            span: arg.name.span,
            message: `argument \`${arg.name.text}\` is given twice`,
            label: 'given again here',
            related: [{ path: context.file.path, span: first.name.span, label: 'first given here' }],
          });
        }
      }
    }
  },
};
