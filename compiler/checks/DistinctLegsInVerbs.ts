/** A verb that joins legs (bridge, unbridge, conference, refer ... replacing) names each leg once. */
import type { Name } from '../../grammar/ast.js';
import type { Rule } from '../rule.js';

export const DistinctLegsInVerbs: Rule = {
  name: 'DistinctLegsInVerbs',
  code: 'FLOW2061',
  check(context, report) {
    for (const flow of context.flows) {
      for (const { action } of flow.symbols.actions) {
        let legs: readonly Name[];
        switch (action.kind) {
          case 'Bridge':
            legs = [action.a, action.b];
            break;
          case 'Unbridge':
            legs = action.b === undefined ? [] : [action.a, action.b];
            break;
          case 'Conference':
            legs = action.legs;
            break;
          case 'ReferReplacing':
            legs = [action.leg, action.replacing];
            break;
          default:
            continue;
        }
        const seen = new Map<string, Name>();
        for (const leg of legs) {
          const first = seen.get(leg.text);
          if (first === undefined) {
            seen.set(leg.text, leg);
            continue;
          }
          report({
            span: leg.span,
            message: `leg \`${leg.text}\` appears twice`,
            label: 'named again here',
            related: [{ path: context.file.path, span: first.span, label: 'first named here' }],
          });
        }
      }
    }
  },
};
