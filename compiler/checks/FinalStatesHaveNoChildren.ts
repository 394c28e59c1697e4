/** A `final` state is atomic: entering it completes its parent, so it has no child states. */
import type { Rule } from '../rule.js';

export const FinalStatesHaveNoChildren: Rule = {
  name: 'FinalStatesHaveNoChildren',
  code: 'FLOW2031',
  check(context, report) {
    for (const flow of context.flows) {
      for (const node of flow.symbols.states) {
        const child = node.children[0];
        if (!node.final || child?.decl === undefined || node.decl === undefined) continue;
        report({
          span: child.decl.name.span,
          message: `final state \`${node.name}\` has child states`,
          label: 'a child of a final state',
          related: [{ path: context.file.path, span: node.decl.name.span, label: 'declared final here' }],
        });
      }
    }
  },
};
