/**
 * Builds the replay's steps, one per trace item (and one per timer that
 * fires between items). The machine steps a trace item causes (an assumed
 * command, the leg event, the initial step of a new call) are collected
 * while the item is processed and attached to its step.
 */
import type { Effect } from '../effects.js';
import type { TakenTransition } from '../machine.js';
import type { StepRecord } from '../session/session-observer.js';
import { formatEndpoint } from '../trace/endpoints.js';
import type { DtmfTraceItem, Endpoint, EventTraceItem, ProblemTraceItem, SipTraceItem } from '../trace/trace-item.js';
import { summarize } from './message-summary.js';
import { ownText } from '../sip/own-text.js';
import type { ReplayCall } from './replay-call.js';
import { LeanSteps } from './lean-steps.js';
import type { AssumedCommand, DeliveredEvent, MessageDirection, SimulationStep, StepOutcome } from './simulation-result.js';
import type { TraceDialog } from './trace-dialog.js';

const NONE: readonly never[] = [];

export class StepRecorder {
  /** Every step (`all`), or the few a lean result keeps. */
  readonly #all: SimulationStep[] | undefined;
  readonly #lean: LeanSteps | undefined;
  /** Machine steps collected for the item being processed (emptied, not replaced, when taken). */
  readonly #records: StepRecord[] = [];
  /** What #take() found: fields, not a returned object, to allocate nothing per step. */
  #taken: readonly TakenTransition[] = NONE;
  #effects: readonly Effect[] = NONE;
  /** Traces intern their endpoints: each is formatted once. */
  readonly #names = new Map<Endpoint, string>();

  constructor(mode: 'all' | 'lean') {
    if (mode === 'lean') this.#lean = new LeanSteps();
    else this.#all = [];
  }

  /** Steps recorded so far. */
  get count(): number {
    return this.#all?.length ?? this.#lean?.count ?? 0;
  }

  /** The result's steps: all of them, or (lean) those kept, at their indices, in a sparse array as long as all would be. */
  steps(): SimulationStep[] {
    return this.#all ?? this.#lean?.steps() ?? [];
  }

  /** The replay forgot the call: a lean result no longer keeps its last state for the ladder's window. */
  forget(call: number): void {
    this.#lean?.forget(call);
  }

  /** A machine step taken while the current item is processed. */
  collect(record: StepRecord): void {
    this.#records.push(record);
  }

  /** Steps collected since the last item: whether any transition was taken. */
  get handled(): boolean {
    for (const r of this.#records) if (r.taken.length > 0) return true;
    return false;
  }

  /** The first transition of the most recent machine step collected (what an assumed command took). */
  firstTaken(): TakenTransition | undefined {
    return this.#records[this.#records.length - 1]?.taken[0];
  }

  /** `dialog`: the trace dialog of the message, when the replay tracks it (its Call-ID is kept, not the message's). */
  sip(
    item: SipTraceItem,
    direction: MessageDirection,
    dialog: TraceDialog | undefined,
    call: ReplayCall | undefined,
    leg: string | undefined,
    outcome: StepOutcome,
    assumed?: AssumedCommand,
  ): number {
    this.#take();
    const index = this.count;
    // One literal with every field (absent ones undefined): every step has the same shape, which V8 builds fastest.
    this.#add({
      kind: 'sip',
      index,
      trace: item.trace,
      frame: item.frame,
      time: item.time,
      call: call?.number,
      direction,
      src: this.#name(item.src),
      dst: this.#name(item.dst),
      dialog: dialog === undefined ? ownText(item.message.callId) : dialog.callId,
      leg,
      summary: summarize(item.message),
      outcome,
      assumed,
      taken: this.#taken,
      effects: this.#effects,
      configuration: call?.configuration ?? NONE,
    });
    return index;
  }

  event(item: EventTraceItem, call: ReplayCall | undefined, outcome: StepOutcome): number {
    return this.#eventLike(item, item.event.type, call, outcome);
  }

  /**
   * A key press decoded from RTP (RFC 4733). Listed as an event step (it is
   * a peer event, not a SIP message), its summary naming key and leg.
   */
  dtmf(item: DtmfTraceItem, summary: string, call: ReplayCall | undefined, outcome: StepOutcome): number {
    return this.#eventLike(item, summary, call, outcome);
  }

  #eventLike(item: EventTraceItem | DtmfTraceItem, summary: string, call: ReplayCall | undefined, outcome: StepOutcome): number {
    this.#take();
    const index = this.count;
    this.#add({
      kind: 'event',
      index,
      trace: item.trace,
      frame: item.frame,
      time: item.time,
      call: call?.number,
      summary,
      outcome,
      taken: this.#taken,
      effects: this.#effects,
      configuration: call?.configuration ?? NONE,
    });
    return index;
  }

  problem(item: ProblemTraceItem, outcome: StepOutcome): number {
    this.#records.length = 0;
    const index = this.count;
    this.#add({
      kind: 'problem',
      index,
      trace: item.trace,
      frame: item.frame,
      time: item.time,
      summary: item.reason,
      outcome,
      taken: NONE,
      effects: NONE,
      configuration: NONE,
    });
    return index;
  }

  /** A timer fired: its machine step (if any) is given directly, not collected. */
  timer(call: ReplayCall, time: number, timer: string, summary: string, record: StepRecord | undefined, delivered: DeliveredEvent | undefined): number {
    const index = this.count;
    this.#add({
      kind: 'timer',
      index,
      time,
      call: call.number,
      timer,
      summary,
      delivered,
      taken: record?.taken ?? NONE,
      effects: record?.effects ?? NONE,
      configuration: call.configuration,
    });
    return index;
  }

  #add(step: SimulationStep): void {
    if (this.#all !== undefined) this.#all.push(step);
    else this.#lean?.add(step);
  }

  #name(endpoint: Endpoint): string {
    let name = this.#names.get(endpoint);
    if (name === undefined) {
      name = formatEndpoint(endpoint);
      this.#names.set(endpoint, name);
    }
    return name;
  }

  #take(): void {
    const records = this.#records;
    this.#taken = NONE;
    this.#effects = NONE;
    if (records.length === 0) return;
    const first = records[0];
    if (records.length === 1 && first !== undefined) {
      this.#taken = first.taken;
      this.#effects = first.effects;
      records.length = 0;
      return;
    }
    const taken: TakenTransition[] = [];
    const effects: Effect[] = [];
    for (const r of records) {
      taken.push(...r.taken);
      effects.push(...r.effects);
    }
    records.length = 0;
    this.#taken = taken;
    this.#effects = effects;
  }
}
