/** `emit`/`send` give a value for every field of the event they send. */
import { argumentFields } from '../argument-fields.js';
import type { Rule } from '../rule.js';

export const RequiredArguments: Rule = {
  name: 'RequiredArguments',
  code: 'FLOW2011',
  check(context, report) {
    for (const flow of context.flows) {
      for (const { action } of flow.symbols.actions) {
        if (action.kind !== 'Emit' && action.kind !== 'Send') continue;
        const target = argumentFields(context.symbols, flow.symbols, action);
        if (target === undefined) continue;
        const given = new Set(action.args.map((a) => a.name.text));
        const missing = [...target.fields.keys()].filter((f) => !given.has(f));
        if (missing.length === 0) continue;
        const list = missing.map((f) => `\`${f}\``).join(', ');
        report({
          span: action.event.span,
          message: `missing ${missing.length === 1 ? 'argument' : 'arguments'} ${list}`,
          label: `${target.owner} needs ${list}`,
        });
      }
    }
  },
};
