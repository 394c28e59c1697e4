/** `done(State)` names a state of the same flow. */
import { didYouMean } from '../suggest.js';
import type { Rule } from '../rule.js';

export const KnownDoneStates: Rule = {
  name: 'KnownDoneStates',
  code: 'FLOW2016',
  check(context, report) {
    for (const flow of context.flows) {
      const { stateByName, decl } = flow.symbols;
      for (const site of flow.symbols.transitions) {
        const t = site.transition;
        if (t.kind !== 'On' || t.trigger.kind !== 'DoneTrigger') continue;
        const state = t.trigger.state;
        if (state.text === '' || stateByName.has(state.text)) continue;
        const help = didYouMean(state.text, stateByName.keys());
        report({
          span: state.span,
          message: `unknown state \`${state.text}\``,
          label: `no state named \`${state.text}\` in flow \`${decl.name.text}\``,
          ...(help === undefined ? {} : { help }),
        });
      }
    }
  },
};
