/** A parallel state has at least two regions; with fewer it is a compound state in disguise. */
import type { Rule } from '../rule.js';

export const ParallelStatesHaveRegions: Rule = {
  name: 'ParallelStatesHaveRegions',
  code: 'FLOW2034',
  check(context, report) {
    for (const flow of context.flows) {
      for (const node of flow.symbols.states) {
        if (!node.parallel || node.final || node.decl === undefined || node.children.length >= 2) continue;
        const count = node.children.length;
        report({
          span: node.decl.name.span,
          message: `parallel state \`${node.name}\` has ${count === 0 ? 'no regions' : 'only one region'}`,
          label: 'each child state of a parallel state is a region',
          help: 'drop `parallel`, or add the regions that run side by side',
        });
      }
    }
  },
};
