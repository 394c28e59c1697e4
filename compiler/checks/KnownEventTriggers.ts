/** An application-event trigger names an `event` the flow declares. */
import { didYouMean } from '../suggest.js';
import type { Rule } from '../rule.js';

export const KnownEventTriggers: Rule = {
  name: 'KnownEventTriggers',
  code: 'FLOW2008',
  check(context, report) {
    for (const flow of context.flows) {
      const { events, emits, decl } = flow.symbols;
      for (const site of flow.symbols.transitions) {
        const t = site.transition;
        if (t.kind !== 'On' || t.trigger.kind !== 'EventTrigger') continue;
        const event = t.trigger.event;
        if (event.text === '' || events.has(event.text)) continue;
        const help = emits.has(event.text)
          ? `\`${event.text}\` is an emitted event; declare \`event ${event.text}\` to receive it`
          : didYouMean(event.text, events.keys());
        report({
          span: event.span,
          message: `unknown event \`${event.text}\``,
          label: `no \`event ${event.text}\` in flow \`${decl.name.text}\``,
          ...(help === undefined ? {} : { help }),
        });
      }
    }
  },
};
