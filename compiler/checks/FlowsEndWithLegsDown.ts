/**
 * A flow does not reach a top-level final state with a leg that may still be
 * dialling or connected. Nailed legs are exempt: their call outlives the flow
 * by design (the agent's nailed call serves the next customer call), whether
 * the flow dialled it or the agent called in (`leg agent inbound nailed`).
 */
import { DIALING, LIVE, UP } from '../leg-phases.js';
import { endsFlow, isLeaf } from '../state-graph.js';
import type { Rule } from '../rule.js';

export const FlowsEndWithLegsDown: Rule = {
  name: 'FlowsEndWithLegsDown',
  code: 'FLOW2072',
  check(context, report) {
    for (const flow of context.flows) {
      const phases = flow.legPhases;
      for (const node of flow.symbols.states) {
        if (node.decl === undefined || !isLeaf(node) || !endsFlow(node)) continue;
        for (const leg of phases.legs) {
          if (flow.symbols.legs.get(leg)?.nailed === true) continue;
          const live = phases.entering(leg, node) & LIVE;
          if (live === 0) continue;
          const how = (live & UP) !== 0 ? 'connected' : 'dialling';
          const witness = phases.witness(leg, node)?.transition.target;
          report({
            span: node.decl.name.span,
            message: `the flow may end in \`${node.name}\` with \`${leg}\` still ${how}`,
            label: `\`${leg}\` may still be ${(live & DIALING) !== 0 && how === 'connected' ? 'dialling or connected' : how}`,
            related:
              witness === undefined
                ? []
                : [{ path: context.file.path, span: witness.span, label: `\`${leg}\` may still be ${how} when this transition ends the flow` }],
            help: `${how === 'connected' ? 'hang up' : 'cancel'} \`${leg}\` on the way to \`${node.name}\``,
          });
        }
      }
    }
  },
};
