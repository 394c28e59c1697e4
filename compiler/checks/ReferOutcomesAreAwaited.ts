/**
 * A `refer` is followed by waiting for its outcome: the state that refers (or
 * one around or inside it) handles the leg's `notify` or `referRejected`.
 */
import type { Rule } from '../rule.js';

export const ReferOutcomesAreAwaited: Rule = {
  name: 'ReferOutcomesAreAwaited',
  code: 'FLOW2074',
  check(context, report) {
    for (const flow of context.flows) {
      for (const site of flow.symbols.actions) {
        const action = site.action;
        if (action.kind !== 'Refer' && action.kind !== 'ReferReplacing') continue;
        const leg = action.leg.text;
        const scope = site.place === 'transition' ? (site.transition?.target ?? site.state) : site.state;
        const listens = flow.listeners;
        if (listens.aroundState(scope, `${leg}.notify`) || listens.aroundState(scope, `${leg}.referRejected`)) continue;
        report({
          span: action.span,
          message: `the outcome of this \`refer\` is never awaited`,
          label: `no \`on ${leg}.notify\` or \`on ${leg}.referRejected\` in \`${scope.name}\``,
          help: `handle \`${leg}.notify\` (the transferee's progress, e.g. \`when status >= 200\`) and \`${leg}.referRejected\``,
        });
      }
    }
  },
};
