/**
 * FlowModel: the intermediate representation between `lower` and `emit`.
 * Everything the code generator needs is resolved here, so emit is a pure
 * printer: states are numbered in document order (a state's descendants are
 * the contiguous ids `id+1 .. end`), names are bound, expression types are
 * known, and each transition carries its SCXML domain and static entry set.
 */
import type { LegEventName } from '../grammar/ast.js';
import type { SourceRef, ValueType } from '../runtime/values.js';
import type { StateKind } from '../runtime/machine.js';

/** Index into FlowModel.states (document order). */
export type StateId = number;
/** Index into FlowModel.transitions (document order). */
export type TransitionId = number;

export interface FlowModel {
  readonly name: string;
  /** Path of the `.flow` file, as given to the compiler. */
  readonly source: string;
  readonly at: SourceRef;
  /** Name of the input that identifies an instance (`key agentId`). */
  readonly key?: string;
  readonly legs: readonly LegModel[];
  readonly inputs: readonly InputModel[];
  readonly vars: readonly VarModel[];
  readonly events: readonly EventModel[];
  readonly emits: readonly EventModel[];
  readonly states: readonly StateModel[];
  readonly transitions: readonly TransitionModel[];
  readonly timers: readonly TimerModel[];
  /** States entered by `initial()`, in entry (document) order. */
  readonly initialEntry: readonly StateId[];
  /** True when some state is parallel: selection may then pick several transitions per event. */
  readonly hasParallel: boolean;
}

export interface LegModel {
  readonly name: string;
  readonly inbound: boolean;
  /** `leg agent nailed`: the call outlives the flow, so ending the flow does not end it. */
  readonly nailed: boolean;
}

export interface FieldModel {
  readonly name: string;
  readonly type: ValueType;
}

export interface InputModel {
  readonly name: string;
  readonly type: ValueType;
  /** Evaluated in `initial()` when the input is absent; may read earlier inputs. */
  readonly default?: ExprIR;
}

export interface VarModel {
  readonly name: string;
  readonly type: ValueType;
  /** Evaluated in `initial()` after the inputs; may read inputs and earlier vars. */
  readonly initial: ExprIR;
}

export interface EventModel {
  readonly name: string;
  readonly fields: readonly FieldModel[];
}

export interface StateModel {
  readonly id: StateId;
  readonly name: string;
  /** Undefined for top-level states (their parent is the implicit root). */
  readonly parent?: StateId;
  readonly kind: StateKind;
  readonly children: readonly StateId[];
  /** The child entered by default (compound states only). */
  readonly initial?: StateId;
  /** 1 for top-level states. */
  readonly depth: number;
  /** Last descendant id: descendants are exactly `id+1 .. end` (end === id for leaves). */
  readonly end: StateId;
  readonly entry: readonly ActionIR[];
  readonly exit: readonly ActionIR[];
  /** `after` timers of this state, started on entry and cancelled on exit, in document order. */
  readonly timers: readonly TimerModel[];
  /** Transitions whose source is this state, in document order. */
  readonly transitions: readonly TransitionId[];
  readonly at: SourceRef;
}

/** `after D` in state S, the k-th in S: timer id `S#k`. */
export interface TimerModel {
  readonly timer: string;
  readonly state: StateId;
  readonly delay: ExprIR;
  readonly transition: TransitionId;
  readonly at: SourceRef;
}

export type TriggerModel =
  | { readonly kind: 'leg'; readonly type: string; readonly leg: string; readonly event: LegEventName }
  | { readonly kind: 'event'; readonly type: string; readonly event: string }
  | { readonly kind: 'done'; readonly type: string; readonly state: StateId }
  | { readonly kind: 'timer'; readonly type: string; readonly timer: string };

export interface TransitionModel {
  readonly id: TransitionId;
  readonly source: StateId;
  /** Undefined for targetless transitions (no exit, no entry). */
  readonly target?: StateId;
  readonly trigger: TriggerModel;
  readonly guard?: ExprIR;
  readonly actions: readonly ActionIR[];
  /**
   * SCXML transition domain: the least common compound ancestor of source and
   * target (undefined = the root). Meaningless for targetless transitions.
   */
  readonly domain?: StateId;
  /** Ids exited, when active: `exitFrom .. exitTo` (the domain's descendants). Empty range when targetless. */
  readonly exitFrom: StateId;
  readonly exitTo: StateId;
  /** States entered, in entry (document) order: target ancestors below the domain, the target, default descendants. */
  readonly entry: readonly StateId[];
  readonly at: SourceRef;
}

// ---------------------------------------------------------------- expressions

export type UnaryOp = 'not' | 'neg';
/** Operators with their meaning resolved from the operand types. */
export type BinaryOp =
  | 'concat'
  | 'add'
  | 'sub'
  | 'mul'
  /** Integer division truncating toward zero; x / 0 is 0. */
  | 'idiv'
  /** Remainder with the sign of the dividend; x % 0 is 0. */
  | 'mod'
  | 'eq'
  | 'ne'
  | 'lt'
  | 'le'
  | 'gt'
  | 'ge'
  | 'and'
  | 'or';

export type ExprIR =
  | { readonly kind: 'literal'; readonly type: ValueType; readonly value: string | number | boolean }
  /** An input or var, read from the context. */
  | { readonly kind: 'context'; readonly type: ValueType; readonly name: string }
  /** A payload field of the event being handled. */
  | { readonly kind: 'field'; readonly type: ValueType; readonly name: string }
  | { readonly kind: 'inState'; readonly type: 'bool'; readonly state: StateId }
  | { readonly kind: 'unary'; readonly type: ValueType; readonly op: UnaryOp; readonly operand: ExprIR }
  | { readonly kind: 'binary'; readonly type: ValueType; readonly op: BinaryOp; readonly left: ExprIR; readonly right: ExprIR }
  /** Conversion to text where an effect carries a string (headers, keys, URIs). */
  | { readonly kind: 'toString'; readonly type: 'string'; readonly operand: ExprIR };

// ---------------------------------------------------------------- actions

export interface NamedExpr {
  readonly name: string;
  readonly value: ExprIR;
}

interface ActionBase {
  readonly at: SourceRef;
}

export type ActionIR = ActionBase &
  (
    | {
        readonly kind: 'dial';
        readonly leg: string;
        readonly to: ExprIR;
        readonly from?: ExprIR;
        readonly headers: readonly NamedExpr[];
        readonly timeout?: ExprIR;
      }
    | { readonly kind: 'answer'; readonly leg: string }
    | { readonly kind: 'reject'; readonly leg: string; readonly status: ExprIR }
    | { readonly kind: 'hangup'; readonly leg: string }
    | { readonly kind: 'cancel'; readonly leg: string }
    | { readonly kind: 'hold'; readonly leg: string; readonly music?: ExprIR }
    | { readonly kind: 'unhold'; readonly leg: string }
    | { readonly kind: 'bridge'; readonly a: string; readonly b: string }
    | { readonly kind: 'unbridge'; readonly a: string; readonly b?: string }
    | { readonly kind: 'conference'; readonly legs: readonly string[] }
    | { readonly kind: 'refer'; readonly leg: string; readonly to: ExprIR }
    | { readonly kind: 'referReplacing'; readonly leg: string; readonly replacing: string }
    | { readonly kind: 'takeover'; readonly leg: string }
    | { readonly kind: 'notify'; readonly leg: string; readonly status: ExprIR }
    | { readonly kind: 'play'; readonly leg: string; readonly prompt: ExprIR }
    | {
        readonly kind: 'collect';
        readonly leg: string;
        readonly max?: ExprIR;
        readonly terminator?: ExprIR;
        readonly timeout?: ExprIR;
      }
    | { readonly kind: 'emit'; readonly event: string; readonly args: readonly NamedExpr[] }
    | { readonly kind: 'set'; readonly variable: string; readonly value: ExprIR }
    | { readonly kind: 'send'; readonly flow: string; readonly event: string; readonly args: readonly NamedExpr[]; readonly key: ExprIR }
  );

export type ActionKind = ActionIR['kind'];
