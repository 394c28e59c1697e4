/** `event.x` and `leg.x` name a field of the current `on` trigger. */
import type { Rule } from '../rule.js';

export const KnownMembersInExpressions: Rule = {
  name: 'KnownMembersInExpressions',
  code: 'FLOW2019',
  check(context, report) {
    for (const flow of context.flows) {
      for (const problem of flow.expressionProblems) {
        if (problem.kind !== 'unknown-member' || problem.span.start.offset === problem.span.end.offset) continue;
        const { span, message, label, help } = problem;
        report({ span, message, ...(label === undefined ? {} : { label }), ...(help === undefined ? {} : { help }) });
      }
    }
  },
};
