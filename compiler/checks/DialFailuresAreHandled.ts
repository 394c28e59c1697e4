/**
 * A state that dials a leg also says what happens if the dial fails or is
 * never answered: an `on leg.failed`, a timer, or a `dial ... timeout`.
 */
import type { StateNode } from '../symbols.js';
import type { Rule } from '../rule.js';

export const DialFailuresAreHandled: Rule = {
  name: 'DialFailuresAreHandled',
  code: 'FLOW2071',
  check(context, report) {
    for (const flow of context.flows) {
      const states = flow.symbols.states;
      const hasTimer = (scope: StateNode): boolean => {
        for (let s: StateNode | undefined = scope; s !== undefined; s = s.parent) {
          if (s.transitions.some((t) => t.transition.kind === 'After')) return true;
        }
        for (let i = scope.pre + 1; i <= scope.last; i++) {
          if (states[i]?.transitions.some((t) => t.transition.kind === 'After') === true) return true;
        }
        return false;
      };
      for (const site of flow.symbols.actions) {
        const action = site.action;
        if (action.kind !== 'Dial' || action.timeout !== undefined) continue;
        // Where the flow waits for the answer: the dialling state, or where the transition that dials lands.
        const scope = site.place === 'transition' ? (site.transition?.target ?? site.state) : site.state;
        if (flow.listeners.aroundState(scope, `${action.leg.text}.failed`) || hasTimer(scope)) continue;
        report({
          span: action.span,
          message: `nothing handles a failed or unanswered dial of \`${action.leg.text}\``,
          label: `no \`on ${action.leg.text}.failed\`, timer or \`timeout\` in \`${scope.name}\``,
          help: `add \`on ${action.leg.text}.failed -> ...\`, an \`after\` timer, or \`timeout 30s\` to the dial`,
        });
      }
    }
  },
};
