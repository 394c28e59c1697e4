/** How a SIP message is named on a ladder arrow and in the state path. */
import type { SipStep } from '../simulate/index.js';

/** `agent: INVITE`, `agent: 200 INVITE`: the method of a request, the status and method of a response, after the leg. */
export function messageLabel(step: SipStep): string {
  const verb = /^\d{3} /.test(step.summary) ? step.summary : (step.summary.split(' ')[0] ?? step.summary);
  return step.leg === undefined ? verb : `${step.leg}: ${verb}`;
}
