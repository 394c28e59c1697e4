/** A constant `after` delay or `timeout` is positive: a zero or negative timer fires at once or never. */
import type { Expr } from '../../grammar/ast.js';
import { constantDurationMs } from '../expression-constants.js';
import type { Rule } from '../rule.js';

export const DelaysArePositive: Rule = {
  name: 'DelaysArePositive',
  code: 'FLOW2057',
  check(context, report) {
    for (const flow of context.flows) {
      const check = (expr: Expr | undefined, what: string): void => {
        if (expr === undefined) return;
        const ms = constantDurationMs(expr);
        if (ms === undefined || ms > 0) return;
        report({ span: expr.span, message: `${what} is not positive`, label: `${ms}ms` });
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
