/** Every transition target names a state of the same flow. */
import { didYouMean } from '../suggest.js';
import type { Rule } from '../rule.js';

export const KnownTransitionTargets: Rule = {
  name: 'KnownTransitionTargets',
  code: 'FLOW2003',
  check(context, report) {
    for (const flow of context.flows) {
      const { stateByName, decl } = flow.symbols;
      for (const site of flow.symbols.transitions) {
        const target = site.transition.target;
        if (target === undefined || target.text === '' || stateByName.has(target.text)) continue;
        const help = didYouMean(target.text, stateByName.keys());
        report({
          span: target.span,
          message: `unknown state \`${target.text}\``,
          label: `no state named \`${target.text}\` in flow \`${decl.name.text}\``,
          ...(help === undefined ? {} : { help }),
        });
      }
    }
  },
};
