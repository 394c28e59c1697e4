/** A `send` to a flow that is not in this file cannot be checked here: a warning, since it may live in another file. */
import { didYouMean } from '../suggest.js';
import type { Rule } from '../rule.js';

export const SendTargetsInFile: Rule = {
  name: 'SendTargetsInFile',
  code: 'FLOW2013',
  check(context, report) {
    const flows = context.symbols.flowByName;
    for (const flow of context.flows) {
      for (const { action } of flow.symbols.actions) {
        if (action.kind !== 'Send' || action.flow.text === '' || flows.has(action.flow.text)) continue;
        const help = didYouMean(action.flow.text, flows.keys());
        report({
          span: action.flow.span,
          message: `flow \`${action.flow.text}\` is not in this file`,
          label: 'its event and arguments are not checked',
          ...(help === undefined ? {} : { help }),
        });
      }
    }
  },
};
