/** `send Event(...) to Flow(key)` names an `event` that Flow declares, when Flow is in this file. */
import { didYouMean } from '../suggest.js';
import type { Rule } from '../rule.js';

export const KnownSendEvents: Rule = {
  name: 'KnownSendEvents',
  code: 'FLOW2014',
  check(context, report) {
    for (const flow of context.flows) {
      for (const { action } of flow.symbols.actions) {
        if (action.kind !== 'Send' || action.event.text === '') continue;
        const target = context.symbols.flowByName.get(action.flow.text);
        if (target === undefined || target.events.has(action.event.text)) continue;
        const help = didYouMean(action.event.text, target.events.keys());
        report({
          span: action.event.span,
          message: `flow \`${action.flow.text}\` has no event \`${action.event.text}\``,
          label: `not an \`event\` of \`${action.flow.text}\``,
          related: [{ path: context.file.path, span: target.decl.name.span, label: `flow \`${action.flow.text}\` declared here` }],
          ...(help === undefined ? {} : { help }),
        });
      }
    }
  },
};
