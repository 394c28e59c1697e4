/**
 * What `simulate` returns for one trace replayed through one flow: plain
 * JSON (no classes, no Maps), so the CLI prints it with `--json` as it is
 * and the ladder and HTML reports read it without knowing the replay.
 * Optional fields of steps may be present with the value undefined (steps
 * share one shape for speed); JSON.stringify drops them.
 *
 * Vocabulary: the *flow side* is the address(es) the flow plays in the
 * trace; `out` messages are sent by the flow side, `in` messages are sent to
 * it. A *call* is one instance of the flow (a trace may hold many calls, each
 * replayed by its own instance); calls are numbered from 1 in the order they
 * start. A *dialog* is named by its Call-ID.
 */
import type { Effect } from '../effects.js';
import type { FlowEvent, TakenTransition } from '../machine.js';
import type { SourceRef, Value } from '../values.js';

export type Verdict = 'pass' | 'fail';

/** `out`: sent by the flow side; `in`: sent to it. */
export type MessageDirection = 'in' | 'out';

export interface FlowSide {
  /** As given (`127.0.0.10`, `127.0.0.10:5060`, `[fd00::10]:5060`) or as inferred (an IP address). */
  readonly addresses: readonly string[];
  readonly inferred: boolean;
  /** Why these addresses: `given with --as`, or what the inference saw. */
  readonly reason: string;
}

/** Something the flow's effects made the replay wait for from the flow side, in SIP terms. */
export interface ExpectationView {
  /**
   * The effect kind, or `dialTimeout` for the CANCEL a `dial ... timeout` makes the SIP stack send;
   * `emit` for an outgoing line of an event log that an `emit` of the flow explains.
   */
  readonly kind: 'dial' | 'answer' | 'reject' | 'hangup' | 'cancel' | 'hold' | 'unhold' | 'refer' | 'referReplacing' | 'takeover' | 'notify' | 'dialTimeout' | 'emit';
  readonly call: number;
  /** The leg; for `emit`, the event's name (an emit is on no leg), so a ladder reads `emit EventAck`. */
  readonly leg: string;
  /** `INVITE to external (sip:+15557654321@127.0.0.30)`, `REFER on external, Refer-To with Replaces=<call-id>;to-tag=...;from-tag=...`. */
  readonly description: string;
  /** Where the effect is written in the `.flow` source. */
  readonly at: SourceRef;
}

/** A leg event or application event given to the machine, and what the machine did with it. */
export interface DeliveredEvent {
  readonly event: FlowEvent & Readonly<Record<string, Value>>;
  /** False when no transition was enabled: the event was ignored, which is legal and not a divergence. */
  readonly handled: boolean;
}

/** An application command the trace lacks but whose effects explain the flow side's next message. */
export interface AssumedCommand {
  readonly call: number;
  /** Frame of the message the command explains. */
  readonly frame: number;
  readonly time: number;
  readonly event: string;
  readonly fields: Readonly<Record<string, Value>>;
  /** Summary of the explained message. */
  readonly explains: string;
  /** The first transition the command took. */
  readonly at?: SourceRef;
}

/** What became of one trace item. */
export type StepOutcome =
  /** A message to the flow side became a leg event (delivered; possibly ignored by the state). */
  | { readonly kind: 'event'; readonly delivered: DeliveredEvent }
  /** A message from the flow side that one of the flow's effects expected. */
  | { readonly kind: 'expected'; readonly expectation: ExpectationView }
  /** A message the SIP stack sends or takes by itself (100 Trying, ACK, 200 to BYE, 180 from a peer): not compared. */
  | { readonly kind: 'stack'; readonly note: string }
  /** An INVITE offered to the flow side, bound to an inbound leg (`started`: it started a new call). */
  | { readonly kind: 'offer'; readonly leg: string; readonly started: boolean }
  /** A retransmission of a message already seen: skipped. */
  | { readonly kind: 'retransmission' }
  /** A message on a dialog no leg of the flow is on (another application's call, or one the flow never bound). */
  | { readonly kind: 'unrelated'; readonly note: string }
  /** An application event from an event log, given to the machine (or rejected, with the reason). */
  | { readonly kind: 'command'; readonly delivered?: DeliveredEvent; readonly rejected?: string }
  /** A problem item of the trace (bad packet, unparsable SIP): the replay went on. */
  | { readonly kind: 'problem'; readonly severity: 'error' | 'warning'; readonly reason: string }
  /** The first divergence: see SimulationResult.divergence. */
  | { readonly kind: 'divergence' }
  /** Comparison stopped at the divergence; later items are listed but not compared. */
  | { readonly kind: 'notCompared' };

interface StepBase {
  /** Position in `steps`. */
  readonly index: number;
  readonly time: number;
  /** The call this step belongs to, when it belongs to one. */
  readonly call?: number;
  /** Transitions taken while processing the step (timers fired before it have steps of their own). */
  readonly taken: readonly TakenTransition[];
  /** Every effect of those transitions, SIP or not (bridge, emit, timers are recorded here, not compared). */
  readonly effects: readonly Effect[];
  /** The call's active states after the step (empty when the step belongs to no call). */
  readonly configuration: readonly string[];
}

export interface SipStep extends StepBase {
  readonly kind: 'sip';
  readonly trace: string;
  readonly frame: number;
  readonly direction: MessageDirection;
  /** `127.0.0.10:5060`, `[fd00::10]:5060`. */
  readonly src: string;
  readonly dst: string;
  /** Call-ID. */
  readonly dialog: string;
  readonly leg?: string;
  /** `INVITE sip:+15551234567@127.0.0.30`, `200 INVITE`, `BYE sip:...`. */
  readonly summary: string;
  readonly outcome: StepOutcome;
  /** Set when an application command was assumed to explain this message (delivered just before it). */
  readonly assumed?: AssumedCommand;
}

/**
 * An application event from an event log, or a key press decoded from RTP
 * (RFC 4733 telephone-event; summary `DTMF 5 from 127.0.0.20:4000`, outcome
 * `event` with the leg's `dtmf` event).
 */
export interface EventStep extends StepBase {
  readonly kind: 'event';
  readonly trace: string;
  readonly frame: number;
  /** The event type as logged, or `DTMF <key> ...` for a key press from RTP. */
  readonly summary: string;
  readonly outcome: StepOutcome;
}

export interface ProblemStep extends StepBase {
  readonly kind: 'problem';
  readonly trace: string;
  readonly frame: number;
  readonly summary: string;
  readonly outcome: StepOutcome;
}

/** A timer fired on the virtual clock between trace items: a flow timer (`after 32s`) or a dial timeout. */
export interface TimerStep extends StepBase {
  readonly kind: 'timer';
  readonly call: number;
  /** The machine's timer name (`Transferring#0`) or `dial external timeout`. */
  readonly timer: string;
  readonly summary: string;
  readonly delivered?: DeliveredEvent;
}

export type SimulationStep = SipStep | EventStep | ProblemStep | TimerStep;

export interface Divergence {
  readonly call?: number;
  readonly trace: string;
  /** The trace item where flow and trace part ways (for a missing message: the last item of the trace). */
  readonly frame: number;
  readonly time: number;
  /** Index of the divergent step in `steps` (0 for a trace without items, which has no step). */
  readonly step: number;
  /**
   * `unexpected`: the flow side sent a message no effect of the flow explains;
   * `mismatch`: the message is the expected one in method and dialog but differs in a detail;
   * `missing`: the flow expected a message the trace never shows;
   * `overdue`: the flow side went on with a later step while an earlier expectation was unmet;
   * `noCall`: no call of the flow started and no logged event of the flow was offered to it, so
   * nothing of the flow was tested (an empty or unreadable trace, another application's calls).
   */
  readonly reason: 'unexpected' | 'mismatch' | 'missing' | 'overdue' | 'noCall';
  /** What the flow would send, in SIP terms (or what the state waits for when it would send nothing). */
  readonly expected: string;
  /** What the trace shows. */
  readonly actual: string;
  /** For a mismatch: the detail that differs (`Refer-To Replaces names Call-ID ...`). */
  readonly detail?: string;
  /** Set when the expected message is that of a command assumed at this frame. */
  readonly assumed?: string;
  /** The `.flow` line of the effect or transition (or state) to blame. */
  readonly at?: SourceRef;
  /** The text of that line, when the flow's source was given (`flowSource`). */
  readonly sourceLine?: string;
  readonly configuration: readonly string[];
}

export interface SimulationProblem {
  readonly trace: string;
  readonly frame: number;
  readonly time: number;
  readonly severity: 'error' | 'warning';
  /** `trace`: the item could not be read; `replay`: it was read but does not add up (a 200 to a BYE nobody sent). */
  readonly source: 'trace' | 'replay';
  readonly reason: string;
}

export interface Coverage {
  /** Names of the states some call entered, in the flow's document order. */
  readonly states: readonly string[];
  /** Ids (index into the machine's `transitions`) of the transitions some call took, ascending. */
  readonly transitions: readonly number[];
  readonly totalStates: number;
  readonly totalTransitions: number;
}

export interface DialogBinding {
  readonly callId: string;
  /** The flow side's tag and the peer's (undefined until the dialog is established). */
  readonly localTag?: string;
  readonly remoteTag?: string;
  /** How the dialog came to the leg. */
  readonly how: 'dialed' | 'offered' | 'takeover';
  /** A later dialog (takeover) replaced this one. */
  readonly superseded: boolean;
  readonly frame: number;
}

export interface LegBindings {
  readonly call: number;
  readonly leg: string;
  /** Oldest first; the last one not superseded is the leg's current dialog. */
  readonly dialogs: readonly DialogBinding[];
}

export interface UnboundInput {
  readonly name: string;
  /** Distinct values the trace showed where the input was compared (at most a few). */
  readonly observed: readonly string[];
}

export interface SimulationCounts {
  readonly items: number;
  readonly sipMessages: number;
  readonly retransmissions: number;
  readonly events: number;
  readonly problems: number;
  /** Messages on dialogs that belong to no call of the flow. */
  readonly unrelated: number;
  readonly calls: number;
}

export interface SimulationResult {
  /** The trace's name (a merged trace: `a.pcap + a.jsonl`). */
  readonly trace: string;
  readonly flow: string;
  /** The `.flow` file the machine was compiled from. */
  readonly source: string;
  readonly verdict: Verdict;
  readonly flowSide: FlowSide;
  /**
   * One per trace item (and per timer that fired), in order; `steps[i].index === i`.
   * With `steps: 'lean'` a sparse array: `length` is the number of steps, and
   * only those a terminal report shows are there (lean-steps.ts); read it by
   * index or with forEach/filter/map/some, which skip the holes (for-of and find do not).
   */
  readonly steps: readonly SimulationStep[];
  readonly divergence?: Divergence;
  readonly assumed: readonly AssumedCommand[];
  readonly problems: readonly SimulationProblem[];
  readonly coverage: Coverage;
  readonly bindings: readonly LegBindings[];
  /** URI (and other) inputs not given: they matched any value. */
  readonly unboundInputs: readonly UnboundInput[];
  readonly counts: SimulationCounts;
}
