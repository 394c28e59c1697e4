/**
 * What each external-transfer capture must replay as, in the seed's terms:
 * the commands it lacks (assumed when replayed alone), the states the call
 * goes through, what the flow side sends because of the flow (effect kind
 * and leg, in order), what the flow emits, and the timers that fire. Read
 * each row against its ladder (test/sipp/<name>/ladder.txt) and the flow.
 */
export interface CaptureCase {
  readonly name: string;
  /** The behaviour the capture proves (docs/flows.md cites these). */
  readonly proves: string;
  readonly assumed: readonly string[];
  readonly states: readonly string[];
  readonly sent: readonly string[];
  readonly emits: readonly string[];
  /** Flow timers and dial timeouts that fired, in order. */
  readonly timers: readonly string[];
}

const TO_CONSULTING = ['Nailing', 'Outreach', 'Anchoring', 'Talking', 'Consulting'];
const TO_CONSULT = [...TO_CONSULTING, 'Consult'];
const TO_TRANSFERRING = [...TO_CONSULT, 'Transferring'];
const NAIL_OUTREACH_TAKEOVER = ['dial agent', 'dial customer', 'takeover customer'];
const TO_EXTERNAL = [...NAIL_OUTREACH_TAKEOVER, 'hold customer', 'dial external'];
const TO_REFER = [...TO_EXTERNAL, 'referReplacing external'];
const TRANSFERRED = 'Disposed(Transferred to external number)';
const CUSTOMER_HANGUP = 'Disposed(Customer hangup)';

/** The seed's path: BYE on the customer leg from the gateway, then NOTIFY 200, then our BYE to the external leg. */
const HAPPY = {
  assumed: ['Consult', 'Transfer'],
  states: [...TO_TRANSFERRING, 'CustomerDropped', 'Disposed'],
  sent: [...TO_REFER, 'hangup external'],
  emits: [TRANSFERRED],
  timers: [],
} as const;

export const HAPPY_VARIANTS = [
  'external-transfer-happy',
  'external-transfer-tcp',
  'external-transfer-ipv6',
  'external-transfer-fragmented',
  'external-transfer-sll',
  'external-transfer-sll2',
  'external-transfer-pcapng',
] as const;

export const CASES: readonly CaptureCase[] = [
  ...HAPPY_VARIANTS.map((name) => ({ name, proves: 'the seed, end to end', ...HAPPY })),
  {
    name: 'external-transfer-refer-rejected',
    proves: 'REFER rejected (603): back to the consult with TransferFailed, then CancelConsult unholds the customer',
    assumed: ['Consult', 'Transfer', 'CancelConsult'],
    states: [...TO_TRANSFERRING, 'Consult', 'Talking', 'Disposed'],
    sent: [...TO_REFER, 'hangup external', 'unhold customer'],
    emits: ['TransferFailed(603)', CUSTOMER_HANGUP],
    timers: [],
  },
  {
    name: 'external-transfer-notify-busy',
    proves: 'NOTIFY 100 then a failure sipfrag (486): back to the consult with TransferFailed; the external agent hangs up, the customer comes off hold',
    assumed: ['Consult', 'Transfer'],
    states: [...TO_TRANSFERRING, 'Consult', 'Talking', 'Disposed'],
    sent: [...TO_REFER, 'unhold customer'],
    emits: ['TransferFailed(486)', CUSTOMER_HANGUP],
    timers: [],
  },
  {
    name: 'external-transfer-external-busy',
    proves: 'the external agent is busy (486): the customer comes off hold and talks to the agent again',
    assumed: ['Consult'],
    states: [...TO_CONSULTING, 'Talking', 'Disposed'],
    sent: [...TO_EXTERNAL, 'unhold customer'],
    emits: [CUSTOMER_HANGUP],
    timers: [],
  },
  {
    name: 'external-transfer-external-no-answer',
    proves: 'the external agent does not answer: the dial times out after 30 s (CANCEL), the customer comes off hold',
    assumed: ['Consult'],
    states: [...TO_CONSULTING, 'Talking', 'Disposed'],
    sent: [...TO_EXTERNAL, 'dialTimeout external', 'unhold customer'],
    emits: [CUSTOMER_HANGUP],
    timers: ['dial external timeout'],
  },
  {
    name: 'external-transfer-customer-hangup',
    proves: 'the customer hangs up during the consult: the flow hangs up the external agent',
    assumed: ['Consult'],
    states: [...TO_CONSULT, 'Disposed'],
    sent: [...TO_EXTERNAL, 'hangup external'],
    emits: [CUSTOMER_HANGUP],
    timers: [],
  },
  {
    name: 'external-transfer-agent-unavailable',
    proves: 'the nailing call fails (480): the flow fails before any customer is called',
    assumed: [],
    states: ['Nailing', 'Failed'],
    sent: ['dial agent'],
    emits: [],
    timers: [],
  },
  {
    name: 'external-transfer-customer-busy',
    proves: 'the outreach fails (486): no customer, the nailed agent call stays up',
    assumed: [],
    states: ['Nailing', 'Outreach', 'NoCustomer'],
    sent: ['dial agent', 'dial customer'],
    emits: [],
    timers: [],
  },
  {
    name: 'external-transfer-agent-hangup-outreach',
    proves: 'the agent hangs up during the outreach: the flow cancels the customer dial',
    assumed: [],
    states: ['Nailing', 'Outreach', 'Failed'],
    sent: ['dial agent', 'dial customer', 'cancel customer'],
    emits: [],
    timers: [],
  },
  {
    name: 'external-transfer-takeover-rejected',
    proves: 'the INVITE with Replaces is refused (403): no customer',
    assumed: [],
    states: ['Nailing', 'Outreach', 'Anchoring', 'NoCustomer'],
    sent: NAIL_OUTREACH_TAKEOVER,
    emits: [],
    timers: [],
  },
  {
    name: 'external-transfer-customer-hangup-anchoring',
    proves: 'the customer hangs up before the takeover lands (its INVITE with Replaces then gets 481): no customer',
    assumed: [],
    states: ['Nailing', 'Outreach', 'Anchoring', 'NoCustomer'],
    sent: NAIL_OUTREACH_TAKEOVER,
    emits: [],
    timers: [],
  },
  {
    name: 'external-transfer-agent-hangup-anchoring',
    proves: 'the agent hangs up while the INVITE with Replaces is unanswered: the flow cancels it',
    assumed: [],
    states: ['Nailing', 'Outreach', 'Anchoring', 'Failed'],
    sent: [...NAIL_OUTREACH_TAKEOVER, 'hangup customer'],
    emits: [],
    timers: [],
  },
  {
    name: 'external-transfer-agent-hangup-talking',
    proves: 'the agent hangs up while talking to the customer: the flow hangs up the customer',
    assumed: [],
    states: ['Nailing', 'Outreach', 'Anchoring', 'Talking', 'Failed'],
    sent: [...NAIL_OUTREACH_TAKEOVER, 'hangup customer'],
    emits: [],
    timers: [],
  },
  {
    name: 'external-transfer-consult-cancelled',
    proves: 'CancelConsult while the external agent rings: CANCEL, the customer comes off hold',
    assumed: ['Consult', 'CancelConsult'],
    states: [...TO_CONSULTING, 'Talking', 'Disposed'],
    sent: [...TO_EXTERNAL, 'cancel external', 'unhold customer'],
    emits: [CUSTOMER_HANGUP],
    timers: [],
  },
  {
    name: 'external-transfer-customer-hangup-consulting',
    proves: 'the customer hangs up on hold while the external agent rings: the flow cancels the consult dial',
    assumed: ['Consult'],
    states: [...TO_CONSULTING, 'Disposed'],
    sent: [...TO_EXTERNAL, 'cancel external'],
    emits: [CUSTOMER_HANGUP],
    timers: [],
  },
  {
    name: 'external-transfer-agent-hangup-consulting',
    proves: 'the agent hangs up while the external agent rings: CANCEL, and the customer is hung up',
    assumed: ['Consult'],
    states: [...TO_CONSULTING, 'Failed'],
    sent: [...TO_EXTERNAL, 'cancel external', 'hangup customer'],
    emits: [],
    timers: [],
  },
  {
    name: 'external-transfer-agent-hangup-consult',
    proves: 'the agent hangs up during the consult: the external agent and the customer are hung up',
    assumed: ['Consult'],
    states: [...TO_CONSULT, 'Failed'],
    sent: [...TO_EXTERNAL, 'hangup external', 'hangup customer'],
    emits: [],
    timers: [],
  },
  {
    name: 'external-transfer-notify-before-bye',
    proves: 'NOTIFY 200 before the gateway drops the customer leg: transferred at once, then the BYE is awaited',
    assumed: ['Consult', 'Transfer'],
    states: [...TO_TRANSFERRING, 'Transferred', 'Disposed'],
    sent: [...TO_REFER, 'hangup external'],
    emits: [TRANSFERRED],
    timers: [],
  },
  {
    name: 'external-transfer-external-hangup-transferring',
    proves: 'the external agent hangs up after the 202, before taking the customer: back to Talking, the customer off hold',
    assumed: ['Consult', 'Transfer'],
    states: [...TO_TRANSFERRING, 'Talking', 'Disposed'],
    sent: [...TO_REFER, 'unhold customer'],
    emits: [CUSTOMER_HANGUP],
    timers: [],
  },
  {
    name: 'external-transfer-agent-hangup-transferring',
    proves: 'the agent hangs up before the transfer\'s outcome: the external agent and the customer are hung up',
    assumed: ['Consult', 'Transfer'],
    states: [...TO_TRANSFERRING, 'Failed'],
    sent: [...TO_REFER, 'hangup external', 'hangup customer'],
    emits: [],
    timers: [],
  },
  {
    name: 'external-transfer-transfer-timeout',
    proves: 'no outcome of the REFER within 32 s: TransferFailed(408), back to the consult; CancelConsult then unholds the customer',
    assumed: ['Consult', 'Transfer', 'CancelConsult'],
    states: [...TO_TRANSFERRING, 'Consult', 'Talking', 'Disposed'],
    sent: [...TO_REFER, 'hangup external', 'unhold customer'],
    emits: ['TransferFailed(408)', CUSTOMER_HANGUP],
    timers: ['Transferring#0'],
  },
  {
    name: 'external-transfer-agent-hangup-handed-over',
    proves: 'the nailing drops after the gateway took the customer: the transfer completes all the same',
    assumed: ['Consult', 'Transfer'],
    states: [...TO_TRANSFERRING, 'CustomerDropped', 'Disposed'],
    sent: [...TO_REFER, 'hangup external'],
    emits: [TRANSFERRED],
    timers: [],
  },
  {
    name: 'external-transfer-customer-hangup-transferring',
    proves: 'the customer hangs up during the transfer and NOTIFY reports the failure (481): disposed as a customer hangup',
    assumed: ['Consult', 'Transfer'],
    states: [...TO_TRANSFERRING, 'CustomerDropped', 'Disposed'],
    sent: [...TO_REFER, 'hangup external'],
    emits: [CUSTOMER_HANGUP],
    timers: [],
  },
  {
    name: 'external-transfer-bye-without-notify',
    proves: 'the gateway takes the customer and ends the REFER dialog without a final NOTIFY: transferred',
    assumed: ['Consult', 'Transfer'],
    states: [...TO_TRANSFERRING, 'CustomerDropped', 'Disposed'],
    sent: TO_REFER,
    emits: [TRANSFERRED],
    timers: [],
  },
  {
    name: 'external-transfer-notify-timeout',
    proves: 'the gateway takes the customer and never sends a final NOTIFY: after 32 s the flow hangs up the external leg, transferred',
    assumed: ['Consult', 'Transfer'],
    states: [...TO_TRANSFERRING, 'CustomerDropped', 'Disposed'],
    sent: [...TO_REFER, 'hangup external'],
    emits: [TRANSFERRED],
    timers: ['CustomerDropped#0'],
  },
  {
    name: 'external-transfer-customer-bye-timeout',
    proves: 'NOTIFY 200 and the gateway never drops the customer leg: after 32 s the flow hangs it up',
    assumed: ['Consult', 'Transfer'],
    states: [...TO_TRANSFERRING, 'Transferred', 'Disposed'],
    sent: [...TO_REFER, 'hangup external', 'hangup customer'],
    emits: [TRANSFERRED],
    timers: ['Transferred#0'],
  },
];
