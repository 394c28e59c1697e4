/** A leg trigger names one of the leg events the compiler knows (LEG_EVENTS). */
import { LEG_EVENTS } from '../../grammar/ast.js';
import { didYouMean } from '../suggest.js';
import { isLegEvent } from '../symbols.js';
import type { Rule } from '../rule.js';

export const KnownLegEvents: Rule = {
  name: 'KnownLegEvents',
  code: 'FLOW2007',
  check(context, report) {
    for (const flow of context.flows) {
      for (const site of flow.symbols.transitions) {
        const t = site.transition;
        if (t.kind !== 'On' || t.trigger.kind !== 'LegTrigger') continue;
        const event = t.trigger.event;
        if (event.text === '' || isLegEvent(event.text)) continue;
        const help = didYouMean(event.text, Object.keys(LEG_EVENTS));
        report({
          span: event.span,
          message: `unknown leg event \`${event.text}\``,
          label: 'not a leg event',
          help: help ?? `leg events are ${Object.keys(LEG_EVENTS).join(', ')}`,
        });
      }
    }
  },
};
