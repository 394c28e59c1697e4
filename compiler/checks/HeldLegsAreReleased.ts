/** A `hold` has a way out: some path from it unholds, hangs up or hands over the held leg. */
import { releasableStates, releases, stepEntryReleases } from '../leg-release.js';
import { isLeaf } from '../state-graph.js';
import type { StateNode } from '../symbols.js';
import type { Rule } from '../rule.js';

export const HeldLegsAreReleased: Rule = {
  name: 'HeldLegsAreReleased',
  code: 'FLOW2073',
  check(context, report) {
    for (const flow of context.flows) {
      const byLeg = new Map<string, readonly boolean[]>();
      const releasable = (leg: string): readonly boolean[] => {
        let r = byLeg.get(leg);
        if (r === undefined) byLeg.set(leg, (r = releasableStates(flow.graph, leg)));
        return r;
      };
      const states = flow.symbols.states;
      const anyBelow = (node: StateNode, leg: string): boolean => {
        const r = releasable(leg);
        for (let i = node.pre; i <= node.last; i++) if (r[i] === true && states[i] !== undefined) return true;
        return false;
      };
      for (const site of flow.symbols.actions) {
        const action = site.action;
        if (action.kind !== 'Hold') continue;
        const leg = action.leg.text;
        let ok: boolean;
        if (site.place === 'transition' && site.transition !== undefined) {
          const actions = site.transition.transition.actions?.actions ?? [];
          const later = actions.slice(actions.indexOf(action) + 1);
          const step = flow.graph.stepOf(site.transition);
          const r = releasable(leg);
          ok =
            later.some((a) => releases(a, leg)) ||
            stepEntryReleases(step, leg) ||
            (site.transition.target === undefined ? anyBelow(site.state, leg) : step.leaves.some((l) => isLeaf(l) && r[l.pre] === true));
        } else {
          ok = anyBelow(site.state, leg);
        }
        if (ok) continue;
        report({
          span: action.span,
          message: `\`${leg}\` is put on hold and never released`,
          label: `no path from here unholds, hangs up or transfers \`${leg}\``,
          help: `add a transition that runs \`unhold ${leg}\` or \`hangup ${leg}\``,
        });
      }
    }
  },
};
