/** A `when` guard is a bool expression. */
import type { Rule } from '../rule.js';

export const GuardsAreBoolean: Rule = {
  name: 'GuardsAreBoolean',
  code: 'FLOW2051',
  check(context, report) {
    for (const flow of context.flows) {
      for (const { transition } of flow.symbols.transitions) {
        if (transition.guard === undefined) continue;
        const type = flow.typeOf(transition.guard);
        if (type === 'bool' || type === 'unknown') continue;
        report({ span: transition.guard.span, message: `guard is a \`${type}\`, not a \`bool\``, label: `\`${type}\`` });
      }
    }
  },
};
