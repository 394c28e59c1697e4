/**
 * The contract between generated flow modules and the runtime. A FlowMachine
 * is pure: `initial` and `transition` return a new snapshot and the effects
 * to run, as data. Generated modules import only these types.
 *
 * Events are flat JSON objects:
 * - leg events:         { type: 'agent.answered' }, { type: 'agent.failed', status: 486 }
 * - application events: { type: 'Consult' }, { type: 'NotReady', reason: 'lunch' }
 * - timers:             { type: '$timer', timer: 'Outreach#0' }
 * Done events (`done(State)`) are internal: the machine raises and consumes
 * them within one `transition` call (run to completion).
 */
import type { Effect } from './effects.js';
import type { LegState, SourceRef, Value, ValueType } from './values.js';

export interface FlowEvent {
  readonly type: string;
}

export interface TimerEvent extends FlowEvent {
  readonly type: '$timer';
  readonly timer: string;
}

export interface MachineSnapshot<TContext = Readonly<Record<string, Value>>, TState extends string = string> {
  readonly flow: string;
  /** Every active state (atomic and ancestors), in document order. */
  readonly configuration: readonly TState[];
  /** Inputs and vars by name (names are unique across both). */
  readonly context: TContext;
  readonly legs: Readonly<Record<string, LegState>>;
  /** 'done' once a top-level final state is entered; further events are ignored. */
  readonly status: 'active' | 'done';
}

/** A transition that fired while processing one event (internal done-event steps included). */
export interface TakenTransition {
  /** Index into FlowMachine.transitions. */
  readonly id: number;
  readonly at: SourceRef;
}

export interface StepResult<TSnapshot> {
  readonly snapshot: TSnapshot;
  readonly effects: readonly Effect[];
  /** Empty when no transition was enabled for the event (the event is then ignored). */
  readonly taken: readonly TakenTransition[];
}

export type StateKind = 'atomic' | 'compound' | 'parallel' | 'final';

export interface StateInfo {
  readonly name: string;
  readonly parent?: string;
  readonly kind: StateKind;
  readonly at: SourceRef;
}

export interface TransitionInfo {
  readonly id: number;
  readonly source: string;
  /** Event type as delivered (`agent.answered`, `Consult`, `$timer:Outreach#0`, `done(Consulting)`). */
  readonly event: string;
  readonly target?: string;
  readonly guarded: boolean;
  readonly at: SourceRef;
}

export interface EventInfo {
  readonly type: string;
  readonly source: 'leg' | 'application' | 'timer';
  readonly fields: Readonly<Record<string, ValueType>>;
}

export interface LegInfo {
  readonly name: string;
  readonly inbound: boolean;
  /**
   * `leg agent nailed`: the leg's call outlives the flow (POM nailing), so a
   * host ending a finished or disposed session must leave it up. Absent means false.
   */
  readonly nailed?: boolean;
}

export interface InputInfo {
  readonly name: string;
  readonly type: ValueType;
  readonly optional: boolean;
}

/** Static description of a flow, for the session, simulate, coverage and graphs. */
export interface FlowDescription {
  readonly name: string;
  readonly source: string;
  readonly key?: string;
  readonly legs: readonly LegInfo[];
  readonly inputs: readonly InputInfo[];
  readonly events: readonly EventInfo[];
  readonly emits: readonly EventInfo[];
  readonly states: readonly StateInfo[];
  readonly transitions: readonly TransitionInfo[];
}

export interface FlowMachine<
  TInput = Readonly<Record<string, Value>>,
  TContext = Readonly<Record<string, Value>>,
  TEvent extends FlowEvent = FlowEvent,
  TState extends string = string,
> extends FlowDescription {
  initial(input: TInput): StepResult<MachineSnapshot<TContext, TState>>;
  transition(snapshot: MachineSnapshot<TContext, TState>, event: TEvent): StepResult<MachineSnapshot<TContext, TState>>;
}

/** Any machine, as the runtime holds it when it does not know the flow's own types. */
// The event parameter is bivariant here on purpose: a session feeds events it has validated against `events`.
export interface AnyFlowMachine extends FlowDescription {
  initial(input: Readonly<Record<string, Value>>): StepResult<MachineSnapshot<Readonly<Record<string, Value>>, string>>;
  transition(
    snapshot: MachineSnapshot<Readonly<Record<string, Value>>, string>,
    event: FlowEvent,
  ): StepResult<MachineSnapshot<Readonly<Record<string, Value>>, string>>;
}
