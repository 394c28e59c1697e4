/**
 * Wherever a leg may be connected, something handles its `hangup` (the state,
 * an ancestor, or a concurrent region): otherwise the far end hangs up and
 * the flow carries on as if the call were there.
 */
import { UP } from '../leg-phases.js';
import { endsFlow, isLeaf } from '../state-graph.js';
import type { Rule } from '../rule.js';

export const HangupsAreHandled: Rule = {
  name: 'HangupsAreHandled',
  code: 'FLOW2070',
  check(context, report) {
    for (const flow of context.flows) {
      const phases = flow.legPhases;
      for (const node of flow.symbols.states) {
        if (node.decl === undefined || !isLeaf(node) || endsFlow(node)) continue;
        for (const leg of phases.legs) {
          if ((phases.own(leg, node) & UP) === 0 || flow.listeners.whileActive(node, `${leg}.hangup`)) continue;
          report({
            span: node.decl.name.span,
            message: `\`${leg}\` may be connected in \`${node.name}\`, but nothing handles \`${leg}.hangup\``,
            label: `\`${leg}\` may be up here`,
            help: `add \`on ${leg}.hangup -> ...\` to \`${node.name}\` or to a state that encloses it`,
          });
        }
      }
    }
  },
};
