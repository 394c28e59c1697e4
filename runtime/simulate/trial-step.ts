/**
 * The machine stepped on the side, to see what it would do (command
 * inference, a new call, which call a logged command is for). The machine
 * is pure, so a trial changes nothing. A generated machine does not throw;
 * if one does (a flowc bug), the trial says "nothing" and the replay goes
 * on — the session, which runs the real steps, reports the error.
 */
import type { AnyFlowMachine, FlowEvent, MachineSnapshot, StepResult } from '../machine.js';
import type { Value } from '../values.js';

type Snapshot = MachineSnapshot<Readonly<Record<string, Value>>, string>;

export function trialTransition(machine: AnyFlowMachine, snapshot: Snapshot, event: FlowEvent): StepResult<Snapshot> | undefined {
  try {
    return machine.transition(snapshot, event);
  } catch {
    return undefined;
  }
}

export function trialInitial(machine: AnyFlowMachine, input: Readonly<Record<string, Value>>): StepResult<Snapshot> | undefined {
  try {
    return machine.initial(input);
  } catch {
    return undefined;
  }
}
