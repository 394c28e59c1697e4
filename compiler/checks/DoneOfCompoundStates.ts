/** `done(State)` is raised only by compound and parallel states (a child reaches `final`), so it names one. */
import type { Rule } from '../rule.js';

export const DoneOfCompoundStates: Rule = {
  name: 'DoneOfCompoundStates',
  code: 'FLOW2017',
  check(context, report) {
    for (const flow of context.flows) {
      for (const site of flow.symbols.transitions) {
        const t = site.transition;
        if (t.kind !== 'On' || t.trigger.kind !== 'DoneTrigger') continue;
        const state = flow.symbols.stateByName.get(t.trigger.state.text);
        if (state === undefined || state.children.length > 0) continue;
        report({
          span: t.trigger.state.span,
          message: `\`${state.name}\` has no child states, so \`done(${state.name})\` never happens`,
          label: 'an atomic state',
          related: state.decl === undefined ? [] : [{ path: context.file.path, span: state.decl.name.span, label: 'declared here' }],
          help: 'a done event is raised when a compound state enters a final child, or every region of a parallel state does',
        });
      }
    }
  },
};
