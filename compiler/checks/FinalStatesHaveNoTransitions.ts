/** A `final` state has no transitions: nothing leaves it (the flow, or its parent, is done). */
import type { Rule } from '../rule.js';

export const FinalStatesHaveNoTransitions: Rule = {
  name: 'FinalStatesHaveNoTransitions',
  code: 'FLOW2032',
  check(context, report) {
    for (const flow of context.flows) {
      for (const node of flow.symbols.states) {
        if (!node.final || node.decl === undefined) continue;
        for (const site of node.transitions) {
          const t = site.transition;
          report({
            span: t.kind === 'On' ? t.trigger.span : t.delay.span,
            message: `final state \`${node.name}\` has a transition`,
            label: 'never taken: a final state is not left',
            related: [{ path: context.file.path, span: node.decl.name.span, label: 'declared final here' }],
            help: 'handle the event on an enclosing state, or make the state non-final',
          });
        }
      }
    }
  },
};
