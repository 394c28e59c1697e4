/** `send ... to Flow(k)` addresses an instance by key, so Flow (when in this file) declares a `key`. */
import type { Rule } from '../rule.js';

export const SendTargetsHaveKeys: Rule = {
  name: 'SendTargetsHaveKeys',
  code: 'FLOW2023',
  check(context, report) {
    for (const flow of context.flows) {
      for (const { action } of flow.symbols.actions) {
        if (action.kind !== 'Send') continue;
        const target = context.symbols.flowByName.get(action.flow.text);
        if (target === undefined || target.keys.length > 0) continue;
        report({
          span: action.flow.span,
          message: `flow \`${action.flow.text}\` has no key to address an instance by`,
          label: 'declares no `key`',
          related: [{ path: context.file.path, span: target.decl.name.span, label: `flow \`${action.flow.text}\` declared here` }],
          help: `declare \`key <input>\` in flow \`${action.flow.text}\``,
        });
      }
    }
  },
};
