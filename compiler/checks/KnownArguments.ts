/** Every `emit`/`send` argument names a field of the event it sends. */
import { argumentFields } from '../argument-fields.js';
import { didYouMean } from '../suggest.js';
import type { Rule } from '../rule.js';

export const KnownArguments: Rule = {
  name: 'KnownArguments',
  code: 'FLOW2010',
  check(context, report) {
    for (const flow of context.flows) {
      for (const { action } of flow.symbols.actions) {
        if (action.kind !== 'Emit' && action.kind !== 'Send') continue;
        const target = argumentFields(context.symbols, flow.symbols, action);
        if (target === undefined) continue;
        for (const arg of action.args) {
          if (arg.name.text === '' || target.fields.has(arg.name.text)) continue;
          const help = didYouMean(arg.name.text, target.fields.keys());
          report({
            span: arg.name.span,
            message: `unknown argument \`${arg.name.text}\``,
            label: `${target.owner} has no field \`${arg.name.text}\``,
            ...(help === undefined ? {} : { help }),
          });
        }
      }
    }
  },
};
