/**
 * One instance of the flow in the replay: its FlowSession (on the replay's
 * virtual clock), the trace dialogs of each leg, and the expectations its
 * effects left that the flow side has not met yet.
 */
import type { AnyFlowMachine } from '../machine.js';
import { FlowSession, type SessionEnvironment } from '../session/flow-session.js';
import type { Value } from '../values.js';
import type { Expectation } from './expectation.js';
import type { FlowEmit } from './logged-emits.js';
import { isUnbound } from './unbound-inputs.js';
import type { LegBindings } from './simulation-result.js';
import type { DialogOrigin, TraceDialog } from './trace-dialog.js';

const NO_STATES: readonly string[] = [];

export class ReplayCall {
  readonly session: FlowSession;
  /** Every dialog each leg was on, oldest first; the last is the current one. */
  readonly #legs = new Map<string, TraceDialog[]>();
  /** Unmet expectations, oldest first. */
  readonly pending: Expectation[] = [];
  /** Emits the event log has not shown yet, oldest first (compared only once the log shows one: `logsEmits`). */
  readonly unlogged: FlowEmit[] = [];
  /** The log records this call's outgoing events (a `"dir": "out"` line matched one of its emits). */
  logsEmits = false;
  /** Its flow has ended, and the replay waits for it to settle (finished-calls.ts). */
  ending = false;
  /** The replay forgot the call once it had long finished. */
  forgotten = false;
  /** Steps the machine took (the initial step is 1). */
  steps = 0;
  /**
   * The value of the flow's `key` input, as text: logged events naming it go
   * to this call. Undefined for a flow without a key, or when the input was
   * not given (such a call takes events of any key no other call claims).
   */
  readonly key: string | undefined;

  constructor(
    readonly number: number,
    machine: AnyFlowMachine,
    environment: SessionEnvironment,
    input: Readonly<Record<string, Value>>,
  ) {
    this.session = new FlowSession(machine, { environment, input });
    this.key = keyText(machine.key === undefined ? undefined : input[machine.key]);
  }

  get configuration(): readonly string[] {
    return this.session.snapshot?.configuration ?? NO_STATES;
  }

  get active(): boolean {
    return !this.session.done;
  }

  /** The flow has ended, nothing it expects of the flow side is pending, and no dial timeout is armed: the trace can only add late messages. */
  get settled(): boolean {
    if (!this.session.done || this.pending.length > 0) return false;
    for (const dialogs of this.#legs.values()) for (const dialog of dialogs) if (dialog.dialTimer !== undefined) return false;
    return true;
  }

  /** Every dialog its legs were on. */
  *dialogs(): Generator<TraceDialog> {
    for (const dialogs of this.#legs.values()) yield* dialogs;
  }

  /** The leg's current dialog. */
  current(leg: string): TraceDialog | undefined {
    const dialogs = this.#legs.get(leg);
    return dialogs === undefined ? undefined : dialogs[dialogs.length - 1];
  }

  bound(leg: string): boolean {
    return this.#legs.has(leg);
  }

  /** The dialog becomes the leg's current one; a takeover supersedes the previous one. */
  bind(leg: string, dialog: TraceDialog, how: DialogOrigin): void {
    dialog.call = this;
    dialog.leg = leg;
    dialog.how = how;
    const dialogs = this.#legs.get(leg);
    if (dialogs === undefined) {
      // From a literal: one slot, where an empty array grown by push reserves 17 (most legs only ever have one dialog).
      this.#legs.set(leg, [dialog]);
      return;
    }
    const previous = dialogs[dialogs.length - 1];
    if (previous !== undefined && how === 'takeover') previous.superseded = true;
    dialogs.push(dialog);
  }

  removePending(expectation: Expectation): void {
    const i = this.pending.indexOf(expectation);
    if (i >= 0) this.pending.splice(i, 1);
  }

  bindings(): LegBindings[] {
    return [...this.#legs].map(([leg, dialogs]) => ({ call: this.number, leg, dialogs: dialogs.map((d) => d.binding()) }));
  }
}

/** A key as logged events compare it: strings and numbers as text; placeholders and other values are no key. */
export function keyText(value: Value | undefined): string | undefined {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string' && !isUnbound(value)) return value;
  return undefined;
}
