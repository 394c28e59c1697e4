/** Each state modifier (`initial`, `final`, `parallel`) is written at most once per state. */
import type { Rule } from '../rule.js';

export const ModifiersAreNotRepeated: Rule = {
  name: 'ModifiersAreNotRepeated',
  code: 'FLOW2037',
  check(context, report) {
    for (const flow of context.flows) {
      for (const node of flow.symbols.states) {
        const seen = new Set<string>();
        for (const m of node.decl?.modifiers ?? []) {
          if (!seen.has(m.modifier)) {
            seen.add(m.modifier);
            continue;
          }
          report({ span: m.span, message: `\`${m.modifier}\` is written twice`, label: 'repeated modifier' });
        }
      }
    }
  },
};
