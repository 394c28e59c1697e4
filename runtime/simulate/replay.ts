/**
 * The replay of one trace through one flow: items in order on a virtual
 * clock that follows their timestamps. Peer messages become leg events of
 * the call their dialog is bound to; the flow side's messages are compared
 * with what the calls' effects expect; the first divergence stops the
 * comparison (later items are listed, not compared).
 *
 * Each call of the flow in the trace is a FlowSession of its own on the
 * shared clock, so timers fire in due order across calls. The replay reads
 * every step the sessions take through the observer interface: that is
 * where effects become expectations, with their `.flow` lines.
 */
import type { TimerSink } from '../clock/clock.js';
import { VirtualClock } from '../clock/virtual-clock.js';
import type { DialEffect } from '../effects.js';
import type { AnyFlowMachine, FlowEvent, MachineSnapshot, StepResult, TimerEvent } from '../machine.js';
import type { DialogSignal } from '../ports/dialog-signal.js';
import type { SipMessage, SipRequest, SipResponse } from '../sip/message.js';
import type { FlowSession, SessionEnvironment } from '../session/flow-session.js';
import type { SessionError } from '../session/session-error.js';
import type { SessionObserver, StepRecord } from '../session/session-observer.js';
import { formatEndpoint } from '../trace/endpoints.js';
import type { OpenedTrace } from '../trace/read-trace.js';
import type { DtmfTraceItem, EventTraceItem, SipTraceItem, TraceItem } from '../trace/trace-item.js';
import type { Value } from '../values.js';
import { inferCommand, type CommandEvent } from './command-inference.js';
import { CoverageTracker } from './coverage.js';
import { expectationKind, expectationOf, isSipEffect, opensDialog, type Expectation } from './expectation.js';
import { matchExpectation } from './expectation-match.js';
import { describeExpectation } from './expectation-text.js';
import { resolveFlowSide, type FlowSideMatcher } from './flow-side.js';
import { replacesOf } from './message-fields.js';
import { summarize } from './message-summary.js';
import { isConstantSignal, readPeerRequest, readPeerResponse, REPLACED, type PeerReading } from './peer-message.js';
import { LegEvents } from './leg-events.js';
import { ReplayCall } from './replay-call.js';
import { createReplayPorts, type ReplayPorts } from './replay-ports.js';
import type { SimulateOptions } from './simulate-options.js';
import type {
  AssumedCommand,
  Divergence,
  FlowSide,
  LegBindings,
  MessageDirection,
  SimulationProblem,
  SimulationResult,
} from './simulation-result.js';
import { emitDivergence, endOfTraceDivergence, messageDivergence } from './divergence-report.js';
import { FinishedCalls, KEPT_FINISHED_CALLS } from './finished-calls.js';
import { describeEmit, findEmit, isOutgoing, type FlowEmit } from './logged-emits.js';
import { callForCommand, keyedCall, keyOf } from './keyed-calls.js';
import { commandOf } from './logged-command.js';
import { PendingInvites, type Found, type Near as PendingNear } from './pending-invites.js';
import { StepRecorder } from './step-recorder.js';
import { DIVERGENCE, NOT_COMPARED, RETRANSMISSION, stackOutcome, unrelatedOutcome } from './step-outcomes.js';
import { TraceDialog } from './trace-dialog.js';
import { TraceWindow } from './trace-window.js';
import { trialInitial, trialTransition } from './trial-step.js';
import { prepareInput, UnboundInputLog } from './unbound-inputs.js';

/**
 * How far ahead of a message a timer may be due and still explain it: the
 * flow armed the timer when it acted, a little before the capture saw the
 * message that started the wait.
 */
const TIMER_SKEW_MS = 1000;
/** How far after a message a logged command may be and still be its cause (the log's clock is not the capture's). */
const EVENT_SKEW_MS = 1000;

const STACK_METHODS = new Set(['ACK', 'PRACK', 'UPDATE', 'OPTIONS', 'INFO', 'SUBSCRIBE', 'MESSAGE', 'PUBLISH', 'REGISTER']);
const COMPARED_METHODS = new Set(['INVITE', 'BYE', 'CANCEL', 'REFER', 'NOTIFY']);

/** A `dial ... timeout` armed on the replay's clock: when it expires, the SIP stack must CANCEL. */
class DialTimer implements TimerSink {
  constructor(
    readonly replay: Replay,
    readonly call: ReplayCall,
    readonly dialog: TraceDialog,
    readonly effect: DialEffect,
  ) {}

  timerDue(): void {
    this.replay.dialTimedOut(this);
  }
}

type Snapshot = MachineSnapshot<Readonly<Record<string, Value>>, string>;

interface Near extends PendingNear {
  readonly assumed?: CommandEvent;
}

export class Replay implements SessionObserver {
  readonly #machine: AnyFlowMachine;
  readonly #traceName: string;
  readonly #window: TraceWindow;
  readonly #options: SimulateOptions;
  readonly #input: Readonly<Record<string, Value>>;
  readonly #unbound: UnboundInputLog;
  readonly #clock: VirtualClock;
  readonly #ports: ReplayPorts;
  readonly #env: SessionEnvironment;
  /** The calls not forgotten, oldest first (numbered 1, 2, ... in order of adoption). */
  readonly #calls: ReplayCall[] = [];
  #callCount = 0;
  /** Forgets settled calls (a replay without an event log); their bindings stay in the result. */
  readonly #finished: FinishedCalls | undefined;
  readonly #forgottenBindings: LegBindings[] = [];
  /** Forgotten calls still in `#calls`, which is compacted once they are half of it. */
  #forgottenInCalls = 0;
  /** The flow's inbound legs, and the calls (oldest first) that may still have one unbound: an offered INVITE may be theirs. */
  readonly #inbound: readonly string[];
  readonly #awaitingOffer: ReplayCall[] = [];
  readonly #callOf = new Map<FlowSession, ReplayCall>();
  readonly #dialogs = new Map<string, TraceDialog>();
  /** Dial and takeover expectations of every call: a new INVITE is compared with these. */
  readonly #invites = new PendingInvites();
  readonly #recorder: StepRecorder;
  readonly #legEvents = new LegEvents();
  readonly #coverage: CoverageTracker;
  readonly #problems: SimulationProblem[] = [];
  readonly #assumed: AssumedCommand[] = [];
  readonly #flowSide: FlowSideMatcher;
  readonly #side: FlowSide;
  readonly #dialsFirst: boolean;
  /**
   * The initial step for the replay's own input, tried once: the machine is
   * pure, so the trial every new call would make comes out the same each
   * time (a capture of 10,000 calls tried it 10,000 times).
   */
  readonly #initialTrial: StepResult<Snapshot> | undefined;
  #divergence: Divergence | undefined;
  /** Position of the item being processed, and the item. */
  #index = 0;
  #item: TraceItem | undefined;
  /** Event items (by position) already delivered early (a log clock behind the capture's). */
  #consumed: Set<number> | undefined;
  /** The problem to report if no SIP message is from or to the addresses given as the flow side; where it goes in the list. */
  readonly #unusedSide: string | undefined;
  readonly #sideProblems: number;
  #sideUsed = false;
  /** Time of the item being processed (the clock may be ahead of it after an early timer). */
  #time = 0;
  /** Logged events of a type the flow declares (taken or not): with none and no call, nothing was tested. */
  #flowEvents = 0;
  readonly #counts = { items: 0, sipMessages: 0, retransmissions: 0, events: 0, problems: 0, unrelated: 0 };

  constructor(machine: AnyFlowMachine, trace: OpenedTrace, options: SimulateOptions) {
    this.#machine = machine;
    this.#traceName = trace.name;
    this.#window = new TraceWindow(trace.items, trace.format);
    this.#options = options;
    this.#recorder = new StepRecorder(options.steps ?? 'all');
    const prepared = prepareInput(machine, options.input);
    this.#input = prepared.input;
    this.#unbound = new UnboundInputLog(prepared.unbound);
    const first = this.#window.at(0);
    this.#clock = new VirtualClock(first === undefined ? 0 : first.time);
    this.#ports = createReplayPorts();
    this.#env = { ports: this.#ports, clock: this.#clock, observer: this };
    this.#coverage = new CoverageTracker(machine);
    this.#initialTrial = trialInitial(machine, this.#input);
    this.#dialsFirst = initialDials(machine, this.#initialTrial);
    this.#inbound = machine.legs.filter((l) => l.inbound).map((l) => l.name);
    const side = resolveFlowSide(this.#fromStart(), options.as, this.#dialsFirst);
    this.#flowSide = side.matcher;
    this.#side = side.side;
    for (const reason of side.problems) this.#problem(trace.name, 0, first?.time ?? 0, 'error', 'replay', reason);
    this.#unusedSide = side.unused;
    this.#sideProblems = this.#problems.length;
    const keep = options.keepFinishedCalls ?? KEPT_FINISHED_CALLS;
    this.#finished = this.#window.mayHoldEvents || keep === Infinity ? undefined : new FinishedCalls(keep, (call) => this.#forget(call));
  }

  /** The trace from its first item, read on demand (the flow side's inference reads a prefix, twice). */
  #fromStart(): Iterable<TraceItem> {
    const window = this.#window;
    return {
      *[Symbol.iterator](): Generator<TraceItem> {
        for (let i = 0; ; i++) {
          const item = window.at(i);
          if (item === undefined) return;
          yield item;
        }
      },
    };
  }

  run(): SimulationResult {
    const window = this.#window;
    let first: TraceItem | undefined;
    let last: TraceItem | undefined;
    for (let index = 0; ; index++) {
      const item = window.at(index);
      if (item === undefined) break;
      window.release(index);
      first ??= item;
      last = item;
      this.#index = index;
      this.#item = item;
      this.#counts.items++;
      if (this.#consumed?.has(this.#index) === true) {
        this.#counts.events++;
        continue;
      }
      this.#time = item.time;
      if (this.#divergence === undefined) this.#clock.advanceTo(item.time);
      switch (item.kind) {
        case 'sip':
          this.#sip(item);
          break;
        case 'event':
          this.#counts.events++;
          this.#command(item);
          break;
        case 'dtmf':
          this.#counts.events++;
          this.#keyPress(item);
          break;
        case 'problem':
          this.#counts.problems++;
          this.#problem(item.trace, item.frame, item.time, item.severity, 'trace', item.reason);
          this.#recorder.problem(item, { kind: 'problem', severity: item.severity, reason: item.reason });
          break;
      }
      this.#finished?.settle(this.#divergence !== undefined);
    }
    this.#item = undefined;
    if (this.#unusedSide !== undefined && !this.#sideUsed) {
      // Known only now that every message was seen; listed where the other problems with the addresses are.
      this.#problems.splice(this.#sideProblems, 0, problemOf(this.#traceName, 0, first?.time ?? 0, 'error', 'replay', this.#unusedSide));
    }
    if (this.#divergence === undefined) {
      this.#divergence = endOfTraceDivergence({
        flow: this.#machine,
        flowSource: this.#options.flowSource,
        traceName: this.#traceName,
        last,
        step: Math.max(0, this.#recorder.count - 1),
        calls: this.#calls,
        callCount: this.#callCount,
        sipMessages: this.#counts.sipMessages,
        flowEvents: this.#flowEvents,
        flowSide: this.#side.addresses,
        problems: this.#problems,
      });
    }
    return this.#result();
  }

  // --- session observer -------------------------------------------------

  step(session: FlowSession, record: StepRecord): void {
    const call = this.#callOf.get(session);
    if (call === undefined) return;
    call.steps++;
    this.#coverage.note(record.taken, record.after);
    const effects = record.effects;
    for (let i = 0; i < effects.length; i++) {
      const effect = effects[i];
      if (effect === undefined) continue;
      if (effect.kind === 'emit') call.unlogged.push({ effect });
      if (!isSipEffect(effect)) continue;
      const expectation = expectationOf(effect, call, call.steps, this.#clock.now());
      if (expectation === undefined) continue;
      if (effect.kind === 'cancel' || effect.kind === 'hangup') {
        // The flow ends the INVITE itself: its dial timeout no longer runs, and the 487 will be `cancelled`.
        const dialog = call.current(effect.leg);
        if (dialog !== undefined) this.#disarmDialTimer(dialog);
      }
      call.pending.push(expectation);
      if (opensDialog(expectation)) this.#invites.add(expectation);
    }
    const event = record.event;
    if (event !== undefined && isTimerEvent(event)) {
      const delivered = { event: { type: event.type, timer: event.timer }, handled: record.taken.length > 0 };
      this.#recorder.timer(call, this.#clock.now(), event.timer, `timer ${event.timer} fired`, record, delivered);
    } else {
      this.#recorder.collect(record);
    }
  }

  done(session: FlowSession): void {
    const call = this.#callOf.get(session);
    if (call !== undefined) this.#finished?.ended(call);
  }

  error(session: FlowSession, error: SessionError): void {
    // Effects on legs without a dialog fail live too and send nothing; only a machine that throws is worth a report.
    if (error.kind !== 'internal') return;
    const call = this.#callOf.get(session);
    this.#problem(this.#traceName, this.#item?.frame ?? 0, this.#time, 'error', 'replay', `call ${call?.number ?? '?'}: ${error.message}`);
  }

  // --- timers -----------------------------------------------------------

  dialTimedOut(timer: DialTimer): void {
    const { call, dialog, effect } = timer;
    dialog.dialTimer = undefined;
    if (!dialog.early) return;
    dialog.timedOut = true;
    call.steps++;
    const expectation: Expectation = {
      kind: 'dialTimeout',
      effect,
      call,
      leg: effect.leg,
      at: effect.at,
      order: call.steps,
      time: this.#clock.now(),
      dialog,
    };
    call.pending.push(expectation);
    this.#recorder.timer(call, this.#clock.now(), `dial ${effect.leg} timeout`, `dial ${effect.leg} timed out after ${effect.timeoutMs ?? 0} ms: CANCEL expected`, undefined, undefined);
  }

  #disarmDialTimer(dialog: TraceDialog): void {
    if (dialog.dialTimer === undefined) return;
    this.#clock.disarm(dialog.dialTimer);
    dialog.dialTimer = undefined;
  }

  // --- SIP messages -----------------------------------------------------

  #sip(item: SipTraceItem): void {
    this.#counts.sipMessages++;
    const message = item.message;
    const out = this.#flowSide.has(item.src);
    if (!this.#sideUsed) this.#sideUsed = out || this.#flowSide.has(item.dst);
    const direction: MessageDirection = out ? 'out' : 'in';
    if (item.retransmission) {
      this.#counts.retransmissions++;
      const dialog = this.#dialogs.get(message.callId);
      this.#recorder.sip(item, direction, dialog, dialog?.call, dialog?.leg, RETRANSMISSION);
      return;
    }
    if (this.#divergence !== undefined) {
      const dialog = this.#dialogs.get(message.callId);
      this.#recorder.sip(item, direction, dialog, dialog?.call, dialog?.leg, NOT_COMPARED);
      return;
    }
    if (!out && !this.#flowSide.has(item.dst)) {
      this.#unrelated(item, direction, 'between two other parties');
      return;
    }
    if (out) {
      if (message.kind === 'request') this.#flowRequest(item, message);
      else this.#flowResponse(item, message);
    } else if (message.kind === 'request') this.#peerRequest(item, message);
    else this.#peerResponse(item, message);
  }

  #unrelated(item: SipTraceItem, direction: MessageDirection, note: string): void {
    this.#counts.unrelated++;
    this.#recorder.sip(item, direction, this.#dialogs.get(item.message.callId), undefined, undefined, unrelatedOutcome(note));
  }

  #flowRequest(item: SipTraceItem, message: SipRequest): void {
    const dialog = this.#dialogs.get(message.callId);
    const method = message.method;
    if (dialog === undefined) {
      if (method === 'INVITE' && message.to.tag === undefined) this.#newFlowInvite(item, message);
      else this.#unrelated(item, 'out', 'a request on a dialog the flow has no leg on');
      return;
    }
    dialog.flowSent.add(message.cseq.seq, method);
    dialog.noteTags(message);
    const call = dialog.call;
    if (call === undefined) {
      this.#unrelated(item, 'out', 'a dialog the flow has no leg on');
      return;
    }
    if (method === 'BYE' && dialog.superseded) {
      // Ending the dialog a takeover replaced is the SIP stack's cleanup (RFC 3891 §3), not a `hangup` of the leg.
      dialog.ended = true;
      this.#stack(item, 'out', dialog, 'BYE on the dialog a takeover replaced');
      return;
    }
    if (method === 'INVITE' && message.to.tag === undefined) {
      // The same INVITE again with a higher CSeq: a retry after a 401/407 challenge.
      dialog.inviteSeq = message.cseq.seq;
      this.#stack(item, 'out', dialog, 'INVITE retried (authentication)');
      return;
    }
    if (STACK_METHODS.has(method) || !COMPARED_METHODS.has(method)) {
      this.#stack(item, 'out', dialog, 'sent by the SIP stack');
      return;
    }
    const found = this.#explain(item, message, dialog);
    if (found === undefined) return;
    if (method === 'BYE') dialog.ended = true;
    if (method === 'CANCEL') {
      dialog.flowCancelled = true;
      this.#disarmDialTimer(dialog);
    }
  }

  #newFlowInvite(item: SipTraceItem, message: SipRequest): void {
    const dialog = new TraceDialog(message.callId, true, item.frame, message);
    dialog.flowSent.add(message.cseq.seq, 'INVITE');
    // Keyed by the dialog's own copy: the message's Call-ID is a view into its text, and a key lives as long as the replay.
    this.#dialogs.set(dialog.callId, dialog);
    this.#explain(item, message, undefined, dialog);
  }

  #flowResponse(item: SipTraceItem, message: SipResponse): void {
    const dialog = this.#dialogs.get(message.callId);
    if (dialog === undefined || dialog.call === undefined) {
      this.#unrelated(item, 'out', 'an answer on a dialog the flow has no leg on');
      return;
    }
    dialog.noteTags(message);
    const { seq, method } = message.cseq;
    if (!dialog.peerSent.has(seq, method)) {
      const reason = `${message.status} ${method} answers a ${method} (CSeq ${seq}) the peer did not send in this trace`;
      this.#problem(item.trace, item.frame, item.time, 'warning', 'replay', reason);
      this.#stack(item, 'out', dialog, reason);
      return;
    }
    const offeredInvite = method === 'INVITE' && seq === dialog.inviteSeq && !dialog.flowIsUac;
    if (!offeredInvite || message.status < 200) {
      this.#stack(item, 'out', dialog, 'answered by the SIP stack');
      return;
    }
    if (dialog.peerCancelled && message.status === 487) {
      dialog.final = true;
      dialog.ended = true;
      this.#stack(item, 'out', dialog, '487 to the INVITE the peer cancelled');
      return;
    }
    const found = this.#explain(item, message, dialog);
    if (found === undefined) return;
    dialog.final = true;
    if (message.status < 300) dialog.answered = true;
    else dialog.ended = true;
  }

  #stack(item: SipTraceItem, direction: MessageDirection, dialog: TraceDialog | undefined, note: string): void {
    this.#recorder.sip(item, direction, dialog, dialog?.call, dialog?.leg, stackOutcome(note));
  }

  #peerRequest(item: SipTraceItem, message: SipRequest): void {
    const dialog = this.#dialogs.get(message.callId);
    if (dialog === undefined) {
      if (message.method === 'INVITE' && message.to.tag === undefined) this.#offer(item, message);
      else this.#unrelated(item, 'in', 'a request on a dialog the flow has no leg on');
      return;
    }
    dialog.peerSent.add(message.cseq.seq, message.method);
    if (dialog.call === undefined) {
      this.#unrelated(item, 'in', 'a dialog the flow has no leg on');
      return;
    }
    this.#deliverReading(item, dialog, readPeerRequest(message, dialog));
  }

  #peerResponse(item: SipTraceItem, message: SipResponse): void {
    const dialog = this.#dialogs.get(message.callId);
    if (dialog === undefined || dialog.call === undefined) {
      this.#unrelated(item, 'in', 'an answer on a dialog the flow has no leg on');
      return;
    }
    const reading = readPeerResponse(message, dialog);
    if (dialog.final) this.#disarmDialTimer(dialog);
    this.#deliverReading(item, dialog, reading);
  }

  /** An INVITE to the flow side on a new dialog: an inbound leg of a call, or a peer taking over a leg's dialog. */
  #offer(item: SipTraceItem, message: SipRequest): void {
    const dialog = new TraceDialog(message.callId, false, item.frame, message);
    dialog.peerSent.add(message.cseq.seq, 'INVITE');
    this.#dialogs.set(dialog.callId, dialog);
    const replaces = replacesOf(message);
    const replaced = replaces?.ok === true ? this.#dialogs.get(replaces.value.callId) : undefined;
    const replacedCall = replaced?.call;
    if (replaced !== undefined && replacedCall !== undefined && replaced.leg !== undefined) {
      // The peer replaces one of the flow's dialogs (RFC 3891): the leg moves to the new dialog.
      const leg = replaced.leg;
      replacedCall.bind(leg, dialog, 'offered');
      replaced.superseded = true;
      this.#deliver(item, dialog, replacedCall, leg, REPLACED);
      return;
    }
    const inbound = this.#inbound;
    if (inbound.length === 0) {
      this.#unrelated(item, 'in', `an INVITE offered to the flow side, but ${this.#machine.name} has no inbound leg`);
      return;
    }
    // A call still waiting for an inbound leg takes it (the newest); otherwise the offer starts a new call.
    const awaiting = this.#awaitingOffer;
    for (let i = awaiting.length - 1; i >= 0; i--) {
      const call = awaiting[i];
      const leg = call === undefined || !call.active ? undefined : inbound.find((name) => !call.bound(name));
      if (call === undefined || leg === undefined) {
        // Finished, or every inbound leg bound: it never waits again (legs stay bound, a finished call stays finished).
        awaiting.splice(i, 1);
        continue;
      }
      call.bind(leg, dialog, 'offered');
      call.session.bindLeg(leg, this.#ports.sip.offer());
      this.#recorder.sip(item, 'in', dialog, call, leg, { kind: 'offer', leg, started: false });
      return;
    }
    const leg = inbound[0] ?? '';
    const call = this.#newCall();
    call.bind(leg, dialog, 'offered');
    call.session.bindLeg(leg, this.#ports.sip.offer());
    this.#startCall(call);
    this.#recorder.sip(item, 'in', dialog, call, leg, { kind: 'offer', leg, started: true });
  }

  #deliverReading(item: SipTraceItem, dialog: TraceDialog, reading: PeerReading): void {
    const call = dialog.call;
    const leg = dialog.leg;
    if (reading.kind === 'problem') {
      this.#problem(item.trace, item.frame, item.time, 'warning', 'replay', reading.reason);
      this.#recorder.sip(item, 'in', dialog, call, leg, { kind: 'problem', severity: 'warning', reason: reading.reason });
      return;
    }
    if (reading.kind === 'none' || call === undefined || leg === undefined) {
      this.#stack(item, 'in', dialog, reading.kind === 'none' ? reading.note : 'no leg');
      return;
    }
    if (dialog.ended) this.#dropOvertaken(call, dialog);
    this.#deliver(item, dialog, call, leg, reading.signal);
  }

  #deliver(item: SipTraceItem, dialog: TraceDialog, call: ReplayCall, leg: string, signal: DialogSignal): void {
    if (!isConstantSignal(signal)) {
      const event = { ...signal, type: `${leg}.${signal.type}` };
      call.session.deliver(event);
      this.#recorder.sip(item, 'in', dialog, call, dialog.leg, { kind: 'event', delivered: { event, handled: this.#recorder.handled } });
      return;
    }
    // A signal without data is the same leg event every time: it and both of its outcomes are made once per leg.
    const known = this.#legEvents.of(leg, signal);
    call.session.deliver(known.event);
    this.#recorder.sip(item, 'in', dialog, call, dialog.leg, this.#recorder.handled ? known.handled : known.ignored);
  }

  /**
   * The peer ended a dialog (BYE, CANCEL, a final failure): what the flow
   * still meant to send on it never will be sent, and that is a race, not
   * a divergence.
   */
  #dropOvertaken(call: ReplayCall, dialog: TraceDialog): void {
    for (let i = call.pending.length - 1; i >= 0; i--) {
      const p = call.pending[i];
      if (p === undefined || opensDialog(p)) continue;
      const target = p.kind === 'dialTimeout' ? p.dialog : call.current(p.leg);
      if (target === dialog) call.pending.splice(i, 1);
    }
    this.#disarmDialTimer(dialog);
  }

  // --- explaining the flow side's messages ------------------------------

  /**
   * Finds what explains a flow-side message: a pending expectation; else a
   * timer about to fire; else (a new INVITE) a new call; else a logged
   * command slightly later; else an assumed command. Records the step, or
   * the divergence; returns the expectation met.
   */
  #explain(item: SipTraceItem, message: SipMessage, dialog: TraceDialog | undefined, created?: TraceDialog): Expectation | undefined {
    let first = this.#matchPending(message, dialog);
    while (first === undefined) {
      const due = this.#clock.nextDueAt();
      if (due === undefined || due > item.time + TIMER_SKEW_MS) break;
      this.#clock.advanceTo(due);
      first = this.#matchPending(message, dialog);
    }
    if (first !== undefined) return this.#meet(item, message, dialog, created, first);
    // What the message nearly met is only needed for a divergence: the expectations pending now are marked, and compared then.
    const mark = dialog === undefined ? this.#invites.mark : (dialog.call?.pending.length ?? 0);
    if (dialog === undefined && created !== undefined) {
      const started = this.#tryNewCall(item, message, created);
      if (started !== undefined) return started;
    }
    const logged = this.#lookahead(item, message, dialog);
    if (logged !== undefined) return this.#meet(item, message, dialog, created, logged);
    let nearCommand: Near | undefined;
    if (this.#options.strictCommands !== true) {
      for (const call of this.#candidates(message, dialog)) {
        const snapshot = call.session.snapshot;
        if (snapshot === undefined || !call.active) continue;
        const outcome = inferCommand(this.#machine, call, snapshot, message, dialog, item.time);
        if (outcome.found !== undefined) {
          const assumed = this.#assume(item, message, call, outcome.found.event);
          const found = this.#matchPending(message, dialog);
          if (found !== undefined) return this.#meet(item, message, dialog, created, found, assumed);
        } else if (outcome.near !== undefined && nearCommand === undefined) {
          nearCommand = { expectation: outcome.near.expectation, detail: outcome.near.detail, assumed: outcome.near.event };
        }
      }
      if (dialog === undefined && created !== undefined) {
        const started = this.#tryNewCallWithCommand(item, message, created);
        if (started !== undefined) return started;
      }
    }
    this.#unexplained(item, message, dialog, this.#nearPending(message, dialog, mark) ?? nearCommand);
    return undefined;
  }

  /** The oldest pending expectation the message meets: of its dialog's call, or (a new INVITE) the dials and takeovers of every call. */
  #matchPending(message: SipMessage, dialog: TraceDialog | undefined): Found | undefined {
    if (dialog === undefined) return this.#invites.find(message, this.#dialogs);
    const list = dialog.call?.pending;
    if (list === undefined) return undefined;
    for (let i = 0; i < list.length; i++) {
      const expectation = list[i];
      if (expectation === undefined) continue;
      const match = matchExpectation(expectation, message, dialog);
      if (match?.kind === 'match') return { expectation, match };
    }
    return undefined;
  }

  /** The oldest of the first `mark` pending expectations that the message nearly meets (a detail differs). */
  #nearPending(message: SipMessage, dialog: TraceDialog | undefined, mark: number): Near | undefined {
    if (dialog === undefined) return this.#invites.near(message, mark);
    const list = dialog.call?.pending;
    if (list === undefined) return undefined;
    for (let i = 0; i < mark && i < list.length; i++) {
      const expectation = list[i];
      if (expectation === undefined) continue;
      const match = matchExpectation(expectation, message, dialog);
      if (match?.kind === 'mismatch') return { expectation, detail: match.detail };
    }
    return undefined;
  }

  /** The calls whose commands may explain the message: the dialog's call, or (a new INVITE) the call Replaces names, then every active call, newest first. */
  *#candidates(message: SipMessage, dialog: TraceDialog | undefined): Generator<ReplayCall> {
    if (dialog !== undefined) {
      if (dialog.call !== undefined) yield dialog.call;
      return;
    }
    const replaces = replacesOf(message);
    const named = replaces?.ok === true ? this.#dialogs.get(replaces.value.callId)?.call : undefined;
    if (named !== undefined) yield named;
    for (let i = this.#calls.length - 1; i >= 0; i--) {
      const call = this.#calls[i];
      if (call !== undefined && call !== named && call.active) yield call;
    }
  }

  #meet(
    item: SipTraceItem,
    message: SipMessage,
    dialog: TraceDialog | undefined,
    created: TraceDialog | undefined,
    found: Found,
    assumed?: AssumedCommand,
  ): Expectation | undefined {
    const { expectation, match } = found;
    const call = expectation.call;
    const overdue = oldestBefore(call.pending, expectation.order);
    if (overdue !== undefined) {
      this.#diverge(item, message, dialog ?? created, call, 'overdue', overdue, undefined, assumed);
      return undefined;
    }
    call.removePending(expectation);
    if (opensDialog(expectation)) this.#invites.remove(expectation);
    if (match.unbound !== undefined) for (const use of match.unbound) this.#unbound.record(use.expected, use.actual);
    if (match.warning !== undefined) this.#problem(item.trace, item.frame, item.time, 'warning', 'replay', match.warning);
    // Described before binding: a takeover names the dialog it replaces, not the new one.
    const description = describeExpectation(expectation);
    let leg = dialog?.leg;
    if (created !== undefined && expectation.kind === 'effect') {
      const effect = expectation.effect;
      if (effect.kind === 'dial' || effect.kind === 'takeover') {
        call.bind(expectation.leg, created, effect.kind === 'dial' ? 'dialed' : 'takeover');
        leg = expectation.leg;
      }
      if (effect.kind === 'dial' && effect.timeoutMs !== undefined && effect.timeoutMs > 0) {
        // Counted from the INVITE, as a SIP stack counts it.
        created.dialTimer = this.#clock.arm(new DialTimer(this, call, created, effect), `dial ${effect.leg} timeout`, item.time + effect.timeoutMs);
      }
    }
    const view = {
      kind: expectationKind(expectation),
      call: call.number,
      leg: expectation.leg,
      description,
      at: expectation.at,
    };
    this.#recorder.sip(item, 'out', dialog ?? created, call, leg, { kind: 'expected', expectation: view }, assumed);
    return expectation;
  }

  /** A new INVITE nothing pending explains: does a new call of the flow start with it? */
  #tryNewCall(item: SipTraceItem, message: SipMessage, created: TraceDialog): Expectation | undefined {
    if (!this.#dialsFirst) return undefined;
    const initial = this.#initialTrial;
    if (initial === undefined) return undefined;
    const call = new ReplayCall(this.#callCount + 1, this.#machine, this.#env, this.#input);
    for (const effect of initial.effects) {
      if (!isSipEffect(effect)) continue;
      const expectation = expectationOf(effect, call, 1, item.time);
      if (expectation !== undefined && matchExpectation(expectation, message, undefined)?.kind === 'match') {
        this.#adopt(call);
        this.#startCall(call);
        const found = this.#matchPending(message, undefined);
        return found === undefined ? undefined : this.#meet(item, message, undefined, created, found);
      }
    }
    return undefined;
  }

  /** A flow that waits for a command before it dials: a new call plus an assumed command. */
  #tryNewCallWithCommand(item: SipTraceItem, message: SipMessage, created: TraceDialog): Expectation | undefined {
    const initial = this.#initialTrial;
    if (initial === undefined || initial.snapshot.status === 'done') return undefined;
    const call = new ReplayCall(this.#callCount + 1, this.#machine, this.#env, this.#input);
    const outcome = inferCommand(this.#machine, call, initial.snapshot, message, undefined, item.time);
    if (outcome.found === undefined) return undefined;
    this.#adopt(call);
    this.#startCall(call);
    const assumed = this.#assume(item, message, call, outcome.found.event);
    const found = this.#matchPending(message, undefined);
    return found === undefined ? undefined : this.#meet(item, message, undefined, created, found, assumed);
  }

  #newCall(input: Readonly<Record<string, Value>> = this.#input): ReplayCall {
    const call = new ReplayCall(this.#callCount + 1, this.#machine, this.#env, input);
    this.#adopt(call);
    return call;
  }

  #adopt(call: ReplayCall): void {
    this.#callCount++;
    this.#calls.push(call);
    this.#callOf.set(call.session, call);
    if (this.#inbound.length > 0) this.#awaitingOffer.push(call);
  }

  /** A settled call leaves the replay: its dialogs no longer answer for messages, and only its bindings are kept (not in a lean result). */
  #forget(call: ReplayCall): void {
    // A lean result is what the terminal report reads, and it shows no bindings: a long capture keeps none per forgotten call.
    if (this.#options.steps !== 'lean') for (const binding of call.bindings()) this.#forgottenBindings.push(binding);
    for (const dialog of call.dialogs()) if (this.#dialogs.get(dialog.callId) === dialog) this.#dialogs.delete(dialog.callId);
    this.#callOf.delete(call.session);
    this.#recorder.forget(call.number);
    call.forgotten = true;
    const calls = this.#calls;
    if (++this.#forgottenInCalls * 2 <= calls.length) return;
    let kept = 0;
    for (let i = 0; i < calls.length; i++) {
      const c = calls[i];
      if (c !== undefined && !c.forgotten) calls[kept++] = c;
    }
    calls.length = kept;
    this.#forgottenInCalls = 0;
  }

  #startCall(call: ReplayCall): void {
    call.session.start();
  }

  #assume(item: SipTraceItem, message: SipMessage, call: ReplayCall, event: CommandEvent): AssumedCommand {
    call.session.deliver(event);
    const at = this.#recorder.firstTaken()?.at;
    const fields: Record<string, Value> = {};
    for (const key of Object.keys(event)) {
      const value = event[key];
      if (key !== 'type' && value !== undefined) fields[key] = value;
    }
    const assumed: AssumedCommand = {
      call: call.number,
      frame: item.frame,
      time: item.time,
      event: event.type,
      fields,
      explains: summarize(message),
      ...(at === undefined ? {} : { at }),
    };
    this.#assumed.push(assumed);
    return assumed;
  }

  /** A command in the event log, a little later than the message it explains (the log's clock lags). */
  #lookahead(item: SipTraceItem, message: SipMessage, dialog: TraceDialog | undefined): Found | undefined {
    for (const j of this.#window.eventsAfter(this.#index)) {
      const next = this.#window.at(j);
      if (next === undefined || next.time > item.time + EVENT_SKEW_MS) break;
      if (next.kind !== 'event' || this.#consumed?.has(j) === true) continue;
      const event = commandOf(next);
      for (const call of this.#candidates(message, dialog)) {
        const snapshot = call.session.snapshot;
        if (snapshot === undefined || !call.active) continue;
        const result = trialTransition(this.#machine, snapshot, event);
        if (result === undefined || result.taken.length === 0) continue;
        const explains = result.effects.some((effect) => {
          if (!isSipEffect(effect)) return false;
          const expectation = expectationOf(effect, call, call.steps + 1, item.time);
          return expectation !== undefined && matchExpectation(expectation, message, dialog)?.kind === 'match';
        });
        if (!explains) continue;
        (this.#consumed ??= new Set()).add(j);
        this.#counts.items++;
        this.#counts.events++;
        this.#deliverCommand(next, call, event);
        return this.#matchPending(message, dialog);
      }
    }
    return undefined;
  }

  // --- key presses decoded from RTP --------------------------------------

  /** A key sent to the flow side on a leg's media is that leg's `dtmf` event; one the flow side sends is its media's, not compared. */
  #keyPress(item: DtmfTraceItem): void {
    const dialog = this.#dialogs.get(item.callId);
    const call = dialog?.call;
    const leg = dialog?.leg;
    const toFlow = this.#flowSide.has(item.dst);
    const summary = `DTMF ${item.digits} ${toFlow ? 'from' : 'to'} ${formatEndpoint(toFlow ? item.src : item.dst)}${leg === undefined ? '' : ` on ${leg}`}`;
    if (this.#divergence !== undefined) {
      this.#recorder.dtmf(item, summary, call, NOT_COMPARED);
      return;
    }
    if (call === undefined || leg === undefined || dialog === undefined) {
      this.#counts.unrelated++;
      this.#recorder.dtmf(item, summary, undefined, { kind: 'unrelated', note: 'a key press on media no leg of the flow negotiated' });
      return;
    }
    if (!toFlow) {
      this.#recorder.dtmf(item, summary, call, stackOutcome('a key press the flow side sends: media, not compared'));
      return;
    }
    const event = { type: `${leg}.dtmf`, digits: item.digits };
    call.session.deliver(event);
    this.#recorder.dtmf(item, summary, call, { kind: 'event', delivered: { event, handled: this.#recorder.handled } });
  }

  // --- application events from an event log ----------------------------

  #command(item: EventTraceItem): void {
    if (this.#divergence !== undefined) {
      this.#recorder.event(item, undefined, NOT_COMPARED);
      return;
    }
    const event = commandOf(item);
    if (isOutgoing(event)) {
      this.#loggedEmit(item, event);
      return;
    }
    if (this.#machine.events.some((e) => e.type === event.type)) this.#flowEvents++;
    const key = keyOf(this.#machine, event);
    const call = callForCommand(this.#machine, this.#calls, this.#dialogs, event, key) ?? this.#newCallFor(event, key);
    if (call === undefined) {
      const whose = key === undefined ? '' : ` (${this.#machine.key ?? 'key'} ${key})`;
      this.#recorder.event(item, undefined, { kind: 'command', rejected: `no call of ${this.#machine.name} takes \`${event.type}\` now${whose}` });
      return;
    }
    this.#deliverCommand(item, call, event);
  }

  #deliverCommand(item: EventTraceItem, call: ReplayCall, event: CommandEvent): void {
    const rejection = call.session.deliver(event);
    if (rejection !== undefined) {
      this.#recorder.event(item, call, { kind: 'command', rejected: rejection.message });
      return;
    }
    this.#recorder.event(item, call, { kind: 'command', delivered: { event, handled: this.#recorder.handled } });
  }

  /**
   * An outgoing line of the log (`"dir": "out"`): one of the flow's emits
   * not shown yet must be it (a timer due within the skew may still make
   * it). Emits the call made before it that the log skipped are
   * `unexpected`; the same event with other fields is a `mismatch`; no
   * such emit is `missing`.
   */
  #loggedEmit(item: EventTraceItem, line: CommandEvent): void {
    const keyed = keyedCall(this.#calls, keyOf(this.#machine, line));
    let found = findEmit(keyed === undefined ? this.#calls : [keyed], line);
    while (found.match === undefined) {
      const due = this.#clock.nextDueAt();
      if (due === undefined || due > item.time + TIMER_SKEW_MS) break;
      this.#clock.advanceTo(due);
      found = findEmit(keyed === undefined ? this.#calls : [keyed], line);
    }
    const match = found.match;
    if (match === undefined) {
      const near = found.near;
      // A call that just finished still owns the lines the log writes about it.
      const call = near?.call ?? keyed ?? this.#newestActive() ?? this.#calls[this.#calls.length - 1];
      const reason = near === undefined ? 'missing' : 'mismatch';
      this.#divergeOnLine(item, line, call, reason, near?.emit, near?.detail);
      return;
    }
    const { call, emit } = match;
    call.logsEmits = true;
    const skipped = call.unlogged[0];
    if (skipped !== undefined && skipped !== emit) {
      this.#divergeOnLine(item, line, call, 'unexpected', skipped);
      return;
    }
    call.unlogged.splice(call.unlogged.indexOf(emit), 1);
    const view = { kind: 'emit' as const, call: call.number, leg: emit.effect.event, description: describeEmit(emit.effect), at: emit.effect.at };
    this.#recorder.event(item, call, { kind: 'expected', expectation: view });
  }

  #divergeOnLine(item: EventTraceItem, line: CommandEvent, call: ReplayCall | undefined, reason: 'unexpected' | 'mismatch' | 'missing', emit: FlowEmit | undefined, detail?: string): void {
    const step = this.#recorder.event(item, call, DIVERGENCE);
    this.#divergence = emitDivergence({
      flow: this.#machine,
      flowSource: this.#options.flowSource,
      item,
      line,
      call,
      step,
      reason,
      emit,
      ...(detail === undefined ? {} : { detail }),
    });
  }

  /**
   * A command no running call takes starts a call when the flow's first
   * state takes it; with a key, the new call's key input is the command's.
   */
  #newCallFor(event: CommandEvent, key: string | undefined): ReplayCall | undefined {
    if (!this.#machine.events.some((e) => e.type === event.type && e.source === 'application')) return undefined;
    const keyName = this.#machine.key;
    const raw = keyName === undefined ? undefined : event[keyName];
    const input = key === undefined || keyName === undefined || raw === undefined ? this.#input : { ...this.#input, [keyName]: raw };
    const initial = trialInitial(this.#machine, input);
    if (initial === undefined || (trialTransition(this.#machine, initial.snapshot, event)?.taken.length ?? 0) === 0) return undefined;
    const call = this.#newCall(input);
    this.#startCall(call);
    return call;
  }

  // --- divergence ---------------------------------------------------------

  #unexplained(item: SipTraceItem, message: SipMessage, dialog: TraceDialog | undefined, near: Near | undefined): void {
    const call = dialog?.call ?? near?.expectation.call ?? this.#newestActive();
    if (near !== undefined) {
      if (near.assumed !== undefined) {
        // The command is what the flow would have needed to send this; show the step it leads to.
        const assumed = this.#assume(item, message, near.expectation.call, near.assumed);
        this.#diverge(item, message, dialog, near.expectation.call, 'mismatch', near.expectation, near.detail, assumed);
      } else {
        this.#diverge(item, message, dialog, near.expectation.call, 'mismatch', near.expectation, near.detail);
      }
      return;
    }
    const oldest = call?.pending[0];
    if (call !== undefined && oldest !== undefined) {
      this.#diverge(item, message, dialog, call, 'unexpected', oldest);
      return;
    }
    this.#diverge(item, message, dialog, call, 'unexpected', undefined);
  }

  #newestActive(): ReplayCall | undefined {
    for (let i = this.#calls.length - 1; i >= 0; i--) {
      const call = this.#calls[i];
      if (call !== undefined && call.active) return call;
    }
    return undefined;
  }

  #diverge(
    item: SipTraceItem,
    message: SipMessage,
    dialog: TraceDialog | undefined,
    call: ReplayCall | undefined,
    reason: Divergence['reason'],
    expected: Expectation | undefined,
    detail?: string,
    assumed?: AssumedCommand,
  ): void {
    // A mismatched new INVITE has no dialog yet: it is on the leg it was meant for.
    const leg = dialog?.leg ?? (reason === 'mismatch' ? expected?.leg : undefined);
    const step = this.#recorder.sip(item, 'out', dialog ?? this.#dialogs.get(message.callId), call, leg, DIVERGENCE, assumed);
    this.#divergence = messageDivergence({
      flow: this.#machine,
      flowSource: this.#options.flowSource,
      dialsFirst: this.#dialsFirst,
      item,
      message,
      leg,
      call,
      step,
      reason,
      expected,
      ...(detail === undefined ? {} : { detail }),
      ...(assumed === undefined ? {} : { assumed }),
    });
  }

  // --- result -------------------------------------------------------------

  /** Every call's bindings, in call order (forgotten calls' were taken as they were forgotten, in the order they settled). */
  #bindings(): LegBindings[] {
    // Forgotten calls stay in #calls until it is compacted.
    const kept = this.#calls.flatMap((call) => (call.forgotten ? [] : call.bindings()));
    if (this.#forgottenBindings.length === 0) return kept;
    // Stable: each call's legs stay in their order.
    return [...this.#forgottenBindings, ...kept].sort((a, b) => a.call - b.call);
  }

  #problem(trace: string, frame: number, time: number, severity: 'error' | 'warning', source: 'trace' | 'replay', reason: string): void {
    this.#problems.push(problemOf(trace, frame, time, severity, source, reason));
  }

  #result(): SimulationResult {
    return {
      trace: this.#traceName,
      flow: this.#machine.name,
      source: this.#machine.source,
      verdict: this.#divergence === undefined ? 'pass' : 'fail',
      flowSide: this.#side,
      steps: this.#recorder.steps(),
      ...(this.#divergence === undefined ? {} : { divergence: this.#divergence }),
      assumed: this.#assumed,
      problems: this.#problems,
      coverage: this.#coverage.result(),
      bindings: this.#bindings(),
      unboundInputs: this.#unbound.list(),
      counts: { ...this.#counts, calls: this.#callCount },
    };
  }
}

/** The first of `pending` made by a step before `order` (one the flow owed before this one). */
function oldestBefore(pending: readonly Expectation[], order: number): Expectation | undefined {
  for (let i = 0; i < pending.length; i++) {
    const p = pending[i];
    if (p !== undefined && p.order < order) return p;
  }
  return undefined;
}

function problemOf(trace: string, frame: number, time: number, severity: 'error' | 'warning', source: 'trace' | 'replay', reason: string): SimulationProblem {
  return { trace, frame, time, severity, source, reason };
}

function isTimerEvent(event: FlowEvent): event is TimerEvent {
  return event.type === '$timer' && typeof (event as { readonly timer?: unknown }).timer === 'string';
}

/**
 * Whether a call of the flow starts by dialling (the flow side sends the
 * first INVITE) rather than with an offered call: a flow with an inbound
 * leg starts with the offer, even when its first step also dials.
 */
function initialDials(machine: AnyFlowMachine, initial: StepResult<Snapshot> | undefined): boolean {
  if (machine.legs.some((leg) => leg.inbound)) return false;
  return initial?.effects.some((e) => e.kind === 'dial') ?? false;
}
