/** `answer` and `reject` respond to an offered call, so they name an `inbound` leg. */
import type { Rule } from '../rule.js';

export const AnswersTargetInboundLegs: Rule = {
  name: 'AnswersTargetInboundLegs',
  code: 'FLOW2062',
  check(context, report) {
    for (const flow of context.flows) {
      for (const { action } of flow.symbols.actions) {
        if (action.kind !== 'Answer' && action.kind !== 'Reject') continue;
        const leg = flow.symbols.legs.get(action.leg.text);
        if (leg === undefined || leg.inbound) continue;
        const verb = action.kind === 'Answer' ? 'answer' : 'reject';
        report({
          span: action.leg.span,
          message: `\`${verb}\` needs an inbound leg, and \`${leg.name.text}\` is outbound`,
          label: 'the flow dials this leg; nothing offers it',
          related: [{ path: context.file.path, span: leg.span, label: 'declared without `inbound` here' }],
          help: `declare \`leg ${leg.name.text} inbound\` if the call is offered to the flow`,
        });
      }
    }
  },
};
