/**
 * No `on` transition is shadowed: within one state, transitions on the same
 * trigger are tried in document order and the first enabled one fires, so a
 * later one never fires after an unguarded one or one with the same guard.
 */
import { printExpression } from '../../grammar/expression-print.js';
import type { TransitionSite } from '../symbols.js';
import type { Rule } from '../rule.js';

export const UnshadowedTransitions: Rule = {
  name: 'UnshadowedTransitions',
  code: 'FLOW2038',
  check(context, report) {
    for (const flow of context.flows) {
      for (const node of flow.symbols.states) {
        for (const [key, sites] of node.onByKey) {
          if (sites.length < 2) continue;
          let unguarded: TransitionSite | undefined;
          const guards = new Map<string, TransitionSite>();
          for (const site of sites) {
            const t = site.transition;
            const text = t.guard === undefined ? undefined : printExpression(t.guard);
            const shadow = unguarded ?? (text === undefined ? undefined : guards.get(text));
            if (shadow !== undefined && t.kind === 'On') {
              report({
                span: t.trigger.span,
                message: `this \`on ${key}\` never fires`,
                label: shadow.transition.guard === undefined ? 'shadowed by an unguarded transition' : 'shadowed by the same guard',
                related: [{ path: context.file.path, span: shadow.transition.span, label: 'this transition is tried first' }],
                help: 'merge the two, or guard the first one',
              });
              continue;
            }
            if (text === undefined) unguarded = site;
            else if (!guards.has(text)) guards.set(text, site);
          }
        }
      }
    }
  },
};
