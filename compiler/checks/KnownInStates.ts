/** `in(State)` names a state of the same flow. */
import type { Rule } from '../rule.js';

export const KnownInStates: Rule = {
  name: 'KnownInStates',
  code: 'FLOW2015',
  check(context, report) {
    for (const flow of context.flows) {
      for (const problem of flow.expressionProblems) {
        if (problem.kind !== 'unknown-state' || problem.span.start.offset === problem.span.end.offset) continue;
        const { span, message, label, help } = problem;
        report({ span, message, ...(label === undefined ? {} : { label }), ...(help === undefined ? {} : { help }) });
      }
    }
  },
};
