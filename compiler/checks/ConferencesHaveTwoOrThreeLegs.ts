/** `conference` joins two or three legs: the media server mixes 3-party conferences only. */
import type { Rule } from '../rule.js';

export const ConferencesHaveTwoOrThreeLegs: Rule = {
  name: 'ConferencesHaveTwoOrThreeLegs',
  code: 'FLOW2059',
  check(context, report) {
    for (const flow of context.flows) {
      for (const { action } of flow.symbols.actions) {
        if (action.kind !== 'Conference') continue;
        const n = action.legs.length;
        if (n === 2 || n === 3) continue;
        const extra = action.legs[3];
        report({
          span: n > 3 && extra !== undefined ? extra.span : action.span,
          message: `\`conference\` takes 2 or 3 legs, not ${n}`,
          label: n > 3 ? 'a fourth leg' : `${n} leg${n === 1 ? '' : 's'}`,
        });
      }
    }
  },
};
