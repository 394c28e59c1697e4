/** Every state can be entered from the start (entering a compound enters its initial child; a parallel, every region). */
import type { Rule } from '../rule.js';

export const ReachableStates: Rule = {
  name: 'ReachableStates',
  code: 'FLOW2035',
  check(context, report) {
    for (const flow of context.flows) {
      const reachable = flow.reachable;
      for (const node of flow.symbols.states) {
        if (node.decl === undefined || reachable[node.pre] === true) continue;
        // Report the outermost unreachable state only; its children follow from it.
        if (node.parent !== undefined && reachable[node.parent.pre] !== true && node.parent.decl !== undefined) continue;
        report({
          span: node.decl.name.span,
          message: `state \`${node.name}\` is unreachable`,
          label: 'no transition path from the initial state enters it',
        });
      }
    }
  },
};
