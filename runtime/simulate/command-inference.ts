/**
 * A capture holds SIP only: the desktop command that made the flow act (the
 * agent pressed Transfer) is not in it. When the flow side sends a message
 * nothing pending explains, each application event the flow declares is
 * tried on the call's snapshot (the machine is pure, so trying costs nothing
 * but time) and the first whose effects explain the message is the assumed
 * command. Fields are left at their defaults (empty string, 0, false).
 */
import type { AnyFlowMachine, FlowEvent, MachineSnapshot, StepResult } from '../machine.js';
import type { SipMessage } from '../sip/message.js';
import type { Value, ValueType } from '../values.js';
import { expectationOf, isSipEffect, type Expectation } from './expectation.js';
import { matchExpectation, type MatchResult } from './expectation-match.js';
import type { ReplayCall } from './replay-call.js';
import { trialTransition } from './trial-step.js';
import type { TraceDialog } from './trace-dialog.js';

export type CommandEvent = FlowEvent & Readonly<Record<string, Value>>;

type Snapshot = MachineSnapshot<Readonly<Record<string, Value>>, string>;

export interface InferredCommand {
  readonly event: CommandEvent;
  readonly result: StepResult<Snapshot>;
}

export interface NearCommand {
  readonly event: CommandEvent;
  readonly expectation: Expectation;
  readonly detail: string;
}

export interface InferenceOutcome {
  /** The command whose effects explain the message. */
  readonly found?: InferredCommand;
  /** Else the first command that sends the same method on the same leg, and what differs. */
  readonly near?: NearCommand;
}

const commands = new WeakMap<AnyFlowMachine, readonly CommandEvent[]>();

/** The flow's application events with default fields, built once per machine. */
export function applicationCommands(machine: AnyFlowMachine): readonly CommandEvent[] {
  let list = commands.get(machine);
  if (list === undefined) {
    list = machine.events
      .filter((e) => e.source === 'application')
      .map((e) => {
        const event: Record<string, Value> = { type: e.type };
        for (const [name, type] of Object.entries(e.fields)) event[name] = defaultValue(type);
        return event as CommandEvent;
      });
    commands.set(machine, list);
  }
  return list;
}

function defaultValue(type: ValueType): Value {
  switch (type) {
    case 'string':
    case 'uri':
      return '';
    case 'bool':
      return false;
    default:
      return 0;
  }
}

export function inferCommand(
  machine: AnyFlowMachine,
  call: ReplayCall,
  snapshot: Snapshot,
  message: SipMessage,
  dialog: TraceDialog | undefined,
  time: number,
): InferenceOutcome {
  let near: NearCommand | undefined;
  for (const event of applicationCommands(machine)) {
    const result = trialTransition(machine, snapshot, event);
    if (result === undefined || result.taken.length === 0) continue;
    for (const effect of result.effects) {
      if (!isSipEffect(effect)) continue;
      const expectation = expectationOf(effect, call, call.steps + 1, time);
      if (expectation === undefined) continue;
      const match: MatchResult = matchExpectation(expectation, message, dialog);
      if (match?.kind === 'match') return { found: { event, result } };
      if (match?.kind === 'mismatch' && near === undefined) near = { event, expectation, detail: match.detail };
    }
  }
  return near === undefined ? {} : { near };
}
