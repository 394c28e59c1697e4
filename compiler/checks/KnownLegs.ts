/** Leg triggers and verbs name declared legs. */
import type { Name } from '../../grammar/ast.js';
import { actionLegs } from '../action-legs.js';
import { didYouMean } from '../suggest.js';
import type { Rule } from '../rule.js';

export const KnownLegs: Rule = {
  name: 'KnownLegs',
  code: 'FLOW2006',
  check(context, report) {
    for (const flow of context.flows) {
      const { legs, decl } = flow.symbols;
      const check = (leg: Name): void => {
        if (leg.text === '' || legs.has(leg.text)) return;
        const help = didYouMean(leg.text, legs.keys());
        report({
          span: leg.span,
          message: `unknown leg \`${leg.text}\``,
          label: `no \`leg ${leg.text}\` in flow \`${decl.name.text}\``,
          ...(help === undefined ? {} : { help }),
        });
      };
      for (const site of flow.symbols.transitions) {
        const t = site.transition;
        if (t.kind === 'On' && t.trigger.kind === 'LegTrigger') check(t.trigger.leg);
      }
      for (const site of flow.symbols.actions) for (const leg of actionLegs(site.action)) check(leg);
    }
  },
};
