/** `after` delays and `timeout` clauses (dial, collect) are durations. */
import type { Expr } from '../../grammar/ast.js';
import type { Rule } from '../rule.js';

export const DelaysAreDurations: Rule = {
  name: 'DelaysAreDurations',
  code: 'FLOW2056',
  check(context, report) {
    for (const flow of context.flows) {
      const check = (expr: Expr | undefined, what: string): void => {
        if (expr === undefined) return;
        const type = flow.typeOf(expr);
        if (type === 'duration' || type === 'unknown') return;
        const help = expr.kind === 'IntLiteral' ? `write a unit: \`${expr.value}s\` or \`${expr.value}ms\`` : undefined;
        report({
          span: expr.span,
          message: `${what} is a \`${type}\`, not a \`duration\``,
          label: `\`${type}\``,
          ...(help === undefined ? {} : { help }),
        });
      };
      for (const { transition } of flow.symbols.transitions) {
        if (transition.kind === 'After') check(transition.delay, '`after` delay');
      }
      for (const { action } of flow.symbols.actions) {
        if (action.kind === 'Dial' || action.kind === 'Collect') check(action.timeout, '`timeout`');
      }
    }
  },
};
