/** `final` and `parallel` exclude each other: a final state has no regions to run. */
import type { Rule } from '../rule.js';

export const FinalStatesAreNotParallel: Rule = {
  name: 'FinalStatesAreNotParallel',
  code: 'FLOW2033',
  check(context, report) {
    for (const flow of context.flows) {
      for (const node of flow.symbols.states) {
        const mods = node.decl?.modifiers ?? [];
        const final = mods.find((m) => m.modifier === 'final');
        const parallel = mods.find((m) => m.modifier === 'parallel');
        if (final === undefined || parallel === undefined) continue;
        report({
          span: parallel.span,
          message: `state \`${node.name}\` is both final and parallel`,
          label: '`parallel` here',
          related: [{ path: context.file.path, span: final.span, label: '`final` here' }],
        });
      }
    }
  },
};
