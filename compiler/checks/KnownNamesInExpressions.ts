/** Bare names in expressions resolve: event field of the `on` trigger, then var, then input. */
import type { Rule } from '../rule.js';

export const KnownNamesInExpressions: Rule = {
  name: 'KnownNamesInExpressions',
  code: 'FLOW2018',
  check(context, report) {
    for (const flow of context.flows) {
      for (const problem of flow.expressionProblems) {
        if (problem.kind !== 'unknown-name' || problem.span.start.offset === problem.span.end.offset) continue;
        const { span, message, label, help } = problem;
        report({ span, message, ...(label === undefined ? {} : { label }), ...(help === undefined ? {} : { help }) });
      }
    }
  },
};
