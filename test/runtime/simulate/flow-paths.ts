/** Transitions named by what they are (state, event, target) rather than by id, so a reordered flow does not break the tests. */
import type { FlowDescription } from '../../../runtime/machine.js';

export type TransitionName = readonly [source: string, event: string, target?: string];

export function transitionIds(flow: FlowDescription, names: readonly TransitionName[]): number[] {
  return names
    .map(([source, event, target]) => {
      const found = flow.transitions.find((t) => t.source === source && t.event === event && t.target === target);
      if (found === undefined) throw new Error(`${flow.name} has no transition ${source} --${event}--> ${target ?? '(none)'}`);
      return found.id;
    })
    .sort((a, b) => a - b);
}

/** The seed's happy path: nailing, outreach, takeover, consult, transfer, the gateway's BYE, NOTIFY 200. */
export const HAPPY_PATH: readonly TransitionName[] = [
  ['Nailing', 'agent.answered', 'Outreach'],
  ['Outreach', 'customer.answered', 'Anchoring'],
  ['Anchoring', 'customer.answered', 'Talking'],
  ['Talking', 'Consult', 'Consulting'],
  ['Consulting', 'external.answered', 'Consult'],
  ['Consult', 'Transfer', 'Transferring'],
  ['Transferring', 'customer.hangup', 'CustomerDropped'],
  ['CustomerDropped', 'external.notify', 'Disposed'],
];

export const HAPPY_STATES = ['Nailing', 'Outreach', 'Anchoring', 'Talking', 'Consulting', 'Consult', 'Transferring', 'HandedOver', 'CustomerDropped', 'Disposed'];
