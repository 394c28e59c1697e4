/** `emit Name(...)` names an `emit` declaration of the flow. */
import { didYouMean } from '../suggest.js';
import type { Rule } from '../rule.js';

export const KnownEmits: Rule = {
  name: 'KnownEmits',
  code: 'FLOW2009',
  check(context, report) {
    for (const flow of context.flows) {
      const { emits, events, decl } = flow.symbols;
      for (const { action } of flow.symbols.actions) {
        if (action.kind !== 'Emit' || action.event.text === '' || emits.has(action.event.text)) continue;
        const name = action.event.text;
        const help = events.has(name)
          ? `\`${name}\` is an event this flow receives; declare \`emit ${name}(...)\` to send it out`
          : didYouMean(name, emits.keys());
        report({
          span: action.event.span,
          message: `unknown emitted event \`${name}\``,
          label: `no \`emit ${name}\` in flow \`${decl.name.text}\``,
          ...(help === undefined ? {} : { help }),
        });
      }
    }
  },
};
