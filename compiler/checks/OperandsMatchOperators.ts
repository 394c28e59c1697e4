/** Operators get operands of the types docs/language.md gives them. */
import type { Rule } from '../rule.js';

export const OperandsMatchOperators: Rule = {
  name: 'OperandsMatchOperators',
  code: 'FLOW2050',
  check(context, report) {
    for (const flow of context.flows) {
      for (const problem of flow.expressionProblems) {
        if (problem.kind !== 'operator' || problem.span.start.offset === problem.span.end.offset) continue;
        const { span, message, label, help } = problem;
        report({ span, message, ...(label === undefined ? {} : { label }), ...(help === undefined ? {} : { help }) });
      }
    }
  },
};
