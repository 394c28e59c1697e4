/** Each `emit`/`send` argument has the type of the field it fills. */
import { argumentFields } from '../argument-fields.js';
import { isAssignable } from '../expression-types.js';
import type { Rule } from '../rule.js';

export const ArgumentsMatchFieldTypes: Rule = {
  name: 'ArgumentsMatchFieldTypes',
  code: 'FLOW2054',
  check(context, report) {
    for (const flow of context.flows) {
      for (const { action } of flow.symbols.actions) {
        if (action.kind !== 'Emit' && action.kind !== 'Send') continue;
        const target = argumentFields(context.symbols, flow.symbols, action);
        if (target === undefined) continue;
        for (const arg of action.args) {
          const field = target.fields.get(arg.name.text);
          if (field === undefined) continue;
          const type = flow.typeOf(arg.value);
          if (isAssignable(type, field)) continue;
          report({
            span: arg.value.span,
            message: `argument \`${arg.name.text}\` is a \`${type}\`, not a \`${field}\``,
            label: `\`${type}\``,
            help: `${target.owner} declares \`${arg.name.text}: ${field}\``,
          });
        }
      }
    }
  },
};
