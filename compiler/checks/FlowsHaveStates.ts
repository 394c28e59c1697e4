/** A flow has at least one state: its initial state is where an instance starts. */
import type { Rule } from '../rule.js';

export const FlowsHaveStates: Rule = {
  name: 'FlowsHaveStates',
  code: 'FLOW2036',
  check(context, report) {
    for (const flow of context.flows) {
      if (flow.symbols.decl.states.length > 0) continue;
      report({
        span: flow.symbols.decl.name.span,
        message: `flow \`${flow.symbols.decl.name.text}\` has no states`,
        label: 'an instance would have nowhere to start',
      });
    }
  },
};
