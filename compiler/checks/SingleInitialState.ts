/** At most one `initial` among sibling states (and among a flow's top-level states). */
import type { Rule } from '../rule.js';

export const SingleInitialState: Rule = {
  name: 'SingleInitialState',
  code: 'FLOW2030',
  check(context, report) {
    for (const flow of context.flows) {
      for (const parent of flow.symbols.states) {
        const initials = parent.children.flatMap((c) => {
          const m = c.decl?.modifiers.find((x) => x.modifier === 'initial');
          return m === undefined ? [] : [m];
        });
        const [first, ...rest] = initials;
        if (first === undefined) continue;
        const where = parent.parent === undefined ? `flow \`${parent.name}\`` : `state \`${parent.name}\``;
        for (const m of rest) {
          report({
            span: m.span,
            message: `more than one initial state in ${where}`,
            label: 'another `initial`',
            related: [{ path: context.file.path, span: first.span, label: 'first `initial` here' }],
          });
        }
      }
    }
  },
};
