/**
 * `reject leg S` and `notify leg status S` take a status or int; a literal is
 * a SIP status code, 100..699, and for `reject` a final non-2xx one, 300..699.
 */
import type { Expr } from '../../grammar/ast.js';
import { constantInt } from '../expression-constants.js';
import type { Rule } from '../rule.js';

export const StatusesAreSipStatuses: Rule = {
  name: 'StatusesAreSipStatuses',
  code: 'FLOW2058',
  check(context, report) {
    for (const flow of context.flows) {
      const check = (expr: Expr, verb: string, min: number): void => {
        const type = flow.typeOf(expr);
        if (type !== 'status' && type !== 'int' && type !== 'unknown') {
          report({ span: expr.span, message: `\`${verb}\` status is a \`${type}\`, not a \`status\``, label: `\`${type}\`` });
          return;
        }
        const value = constantInt(expr);
        if (value === undefined || (value >= min && value <= 699)) return;
        report({
          span: expr.span,
          message: `${value} is not a status \`${verb}\` can send`,
          label: `expected ${min}..699`,
          ...(verb === 'reject' ? { help: 'a rejection is a final non-2xx response, 300..699' } : {}),
        });
      };
      for (const { action } of flow.symbols.actions) {
        if (action.kind === 'Reject') check(action.status, 'reject', 300);
        if (action.kind === 'Notify') check(action.status, 'notify', 100);
      }
    }
  },
};
