/**
 * The flow AST: what a `.flow` file says, with spans, and nothing resolved.
 * The grammar builds it (CST -> AST visitor); the compiler reads it. Names are
 * kept as `Name` nodes so diagnostics can point at the exact identifier.
 */
import type { Span } from './source.js';

export interface Name {
  readonly kind: 'Name';
  readonly text: string;
  readonly span: Span;
}

/** The value types of the expression language. */
export type TypeName = 'string' | 'int' | 'bool' | 'duration' | 'uri' | 'status';

export interface TypeRef {
  readonly kind: 'TypeRef';
  readonly name: TypeName;
  readonly span: Span;
}

// ---------------------------------------------------------------- expressions

export type BinaryOperator = '+' | '-' | '*' | '/' | '%' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '&&' | '||';
export type UnaryOperator = '!' | '-';

export interface StringLiteral { readonly kind: 'StringLiteral'; readonly value: string; readonly span: Span }
export interface IntLiteral { readonly kind: 'IntLiteral'; readonly value: number; readonly span: Span }
export interface BoolLiteral { readonly kind: 'BoolLiteral'; readonly value: boolean; readonly span: Span }
/** `2s`, `500ms`, `1m`, `1h`: value normalised to milliseconds. */
export interface DurationLiteral { readonly kind: 'DurationLiteral'; readonly ms: number; readonly text: string; readonly span: Span }
/** A bare identifier: an event payload field (inside `on`), a var, or an input. */
export interface NameRef { readonly kind: 'NameRef'; readonly name: Name; readonly span: Span }
/** `leg.field` or `event.field`: member access on a leg or the current event. */
export interface MemberRef { readonly kind: 'MemberRef'; readonly object: Name; readonly property: Name; readonly span: Span }
/** `in(StateName)`: true while that state is active. */
export interface InState { readonly kind: 'InState'; readonly state: Name; readonly span: Span }
export interface Unary { readonly kind: 'Unary'; readonly operator: UnaryOperator; readonly operand: Expr; readonly span: Span }
export interface Binary { readonly kind: 'Binary'; readonly operator: BinaryOperator; readonly left: Expr; readonly right: Expr; readonly span: Span }

export type Expr =
  | StringLiteral
  | IntLiteral
  | BoolLiteral
  | DurationLiteral
  | NameRef
  | MemberRef
  | InState
  | Unary
  | Binary;

// ---------------------------------------------------------------- actions (verbs)

/** `name: expr` in emit/send argument lists and dial headers. */
export interface Argument { readonly kind: 'Argument'; readonly name: Name; readonly value: Expr; readonly span: Span }

/** `dial agent to agentUri [from callerId] [headers { "X-Job": jobId }] [timeout 30s]` */
export interface DialAction {
  readonly kind: 'Dial';
  readonly leg: Name;
  readonly to: Expr;
  readonly from?: Expr;
  readonly headers: readonly HeaderArgument[];
  readonly timeout?: Expr;
  readonly span: Span;
}
export interface HeaderArgument { readonly kind: 'HeaderArgument'; readonly header: StringLiteral; readonly value: Expr; readonly span: Span }
/** `answer customer` */
export interface AnswerAction { readonly kind: 'Answer'; readonly leg: Name; readonly span: Span }
/** `reject customer 486` (status expression) */
export interface RejectAction { readonly kind: 'Reject'; readonly leg: Name; readonly status: Expr; readonly span: Span }
/** `hangup agent` */
export interface HangupAction { readonly kind: 'Hangup'; readonly leg: Name; readonly span: Span }
/** `cancel external` (CANCEL an unanswered dial) */
export interface CancelAction { readonly kind: 'Cancel'; readonly leg: Name; readonly span: Span }
/** `hold customer [music "moh"]` */
export interface HoldAction { readonly kind: 'Hold'; readonly leg: Name; readonly music?: Expr; readonly span: Span }
/** `unhold customer` */
export interface UnholdAction { readonly kind: 'Unhold'; readonly leg: Name; readonly span: Span }
/** `bridge agent customer` */
export interface BridgeAction { readonly kind: 'Bridge'; readonly a: Name; readonly b: Name; readonly span: Span }
/** `unbridge agent [customer]` */
export interface UnbridgeAction { readonly kind: 'Unbridge'; readonly a: Name; readonly b?: Name; readonly span: Span }
/** `conference agent customer external` (two or three legs; the checker rejects more) */
export interface ConferenceAction { readonly kind: 'Conference'; readonly legs: readonly Name[]; readonly span: Span }
/** `refer external to "sip:x@y"` (blind transfer to a URI expression) */
export interface ReferAction { readonly kind: 'Refer'; readonly leg: Name; readonly to: Expr; readonly span: Span }
/** `refer external to customer replacing` (attended: Refer-To carries customer's dialog as Replaces) */
export interface ReferReplacingAction { readonly kind: 'ReferReplacing'; readonly leg: Name; readonly replacing: Name; readonly span: Span }
/** `takeover customer` (INVITE with Replaces: re-anchor a leg placed elsewhere) */
export interface TakeoverAction { readonly kind: 'Takeover'; readonly leg: Name; readonly span: Span }
/** `notify agent status 200` (NOTIFY with a message/sipfrag body) */
export interface NotifyAction { readonly kind: 'Notify'; readonly leg: Name; readonly status: Expr; readonly span: Span }
/** `play customer "prompt.wav"` */
export interface PlayAction { readonly kind: 'Play'; readonly leg: Name; readonly prompt: Expr; readonly span: Span }
/** `collect agent digits [max 4] [terminator "#"] [timeout 2s]`; result arrives as `agent.collected(digits)` */
export interface CollectAction {
  readonly kind: 'Collect';
  readonly leg: Name;
  readonly max?: Expr;
  readonly terminator?: Expr;
  readonly timeout?: Expr;
  readonly span: Span;
}
/** `emit Disposed(code: "Transferred to external number")` */
export interface EmitAction { readonly kind: 'Emit'; readonly event: Name; readonly args: readonly Argument[]; readonly span: Span }
/** `set pending = pending + 1` */
export interface SetAction { readonly kind: 'Set'; readonly variable: Name; readonly value: Expr; readonly span: Span }
/** `send ConsultRequest(from: agentId) to Agent(peerId)`: deliver an event to another flow instance by key */
export interface SendAction {
  readonly kind: 'Send';
  readonly event: Name;
  readonly args: readonly Argument[];
  readonly flow: Name;
  readonly key: Expr;
  readonly span: Span;
}

export type Action =
  | DialAction
  | AnswerAction
  | RejectAction
  | HangupAction
  | CancelAction
  | HoldAction
  | UnholdAction
  | BridgeAction
  | UnbridgeAction
  | ConferenceAction
  | ReferAction
  | ReferReplacingAction
  | TakeoverAction
  | NotifyAction
  | PlayAction
  | CollectAction
  | EmitAction
  | SetAction
  | SendAction;

export interface Block { readonly kind: 'Block'; readonly actions: readonly Action[]; readonly span: Span }

// ---------------------------------------------------------------- transitions

/**
 * What a transition listens to:
 * - `agent.answered` -> { leg: agent, event: answered }
 * - `Consult`        -> { event: Consult } (an application event)
 * - `done(Consulting)` -> a done event of a compound/parallel state
 */
export type Trigger =
  | { readonly kind: 'LegTrigger'; readonly leg: Name; readonly event: Name; readonly span: Span }
  | { readonly kind: 'EventTrigger'; readonly event: Name; readonly span: Span }
  | { readonly kind: 'DoneTrigger'; readonly state: Name; readonly span: Span };

/** `on TRIGGER [when GUARD] [-> Target] [{ actions }]`; no target means targetless (no exit/entry). */
export interface OnTransition {
  readonly kind: 'On';
  readonly trigger: Trigger;
  readonly guard?: Expr;
  readonly target?: Name;
  readonly actions?: Block;
  readonly span: Span;
}

/** `after DURATION [when GUARD] [-> Target] [{ actions }]`: a state-scoped timer. */
export interface AfterTransition {
  readonly kind: 'After';
  readonly delay: Expr;
  readonly guard?: Expr;
  readonly target?: Name;
  readonly actions?: Block;
  readonly span: Span;
}

export type Transition = OnTransition | AfterTransition;

// ---------------------------------------------------------------- states

export type StateModifier = 'initial' | 'final' | 'parallel';

export interface StateDecl {
  readonly kind: 'State';
  readonly name: Name;
  /** Modifiers as written, each with its span (the checker reports bad combinations). */
  readonly modifiers: readonly { readonly modifier: StateModifier; readonly span: Span }[];
  readonly entry: readonly Block[];
  readonly exit: readonly Block[];
  readonly transitions: readonly Transition[];
  readonly states: readonly StateDecl[];
  readonly span: Span;
}

// ---------------------------------------------------------------- declarations

/**
 * `leg agent` / `leg customer inbound` / `leg agent nailed`. A nailed leg's
 * call outlives the flow (POM nailing: the agent's call serves one customer
 * call after another), so the flow may end with it connected.
 */
export interface LegDecl { readonly kind: 'Leg'; readonly name: Name; readonly inbound: boolean; readonly nailed: boolean; readonly span: Span }
/** `input agentUri: uri [= default]` */
export interface InputDecl { readonly kind: 'Input'; readonly name: Name; readonly type: TypeRef; readonly default?: Expr; readonly span: Span }
/** `var pending: int = 0` */
export interface VarDecl { readonly kind: 'Var'; readonly name: Name; readonly type: TypeRef; readonly initial: Expr; readonly span: Span }
export interface FieldDecl { readonly kind: 'Field'; readonly name: Name; readonly type: TypeRef; readonly span: Span }
/** `event NotReady(reason: string)`: an application event the flow accepts */
export interface EventDecl { readonly kind: 'Event'; readonly name: Name; readonly fields: readonly FieldDecl[]; readonly span: Span }
/** `emit Disposed(code: string)`: an event the flow sends out */
export interface EmitDecl { readonly kind: 'EmitDecl'; readonly name: Name; readonly fields: readonly FieldDecl[]; readonly span: Span }
/** `key agentId`: the input that identifies an instance, for `send ... to Flow(key)` */
export interface KeyDecl { readonly kind: 'Key'; readonly input: Name; readonly span: Span }

export type Declaration = LegDecl | InputDecl | VarDecl | EventDecl | EmitDecl | KeyDecl;

export interface FlowDecl {
  readonly kind: 'Flow';
  readonly name: Name;
  readonly declarations: readonly Declaration[];
  /** Top-level states in document order. */
  readonly states: readonly StateDecl[];
  readonly span: Span;
}

export interface FlowFile {
  readonly kind: 'FlowFile';
  readonly path: string;
  readonly flows: readonly FlowDecl[];
  readonly span: Span;
}

/** The leg events the compiler knows, with their payload fields. */
export const LEG_EVENTS = {
  ringing: {},
  early: {},
  answered: {},
  failed: { status: 'status' },
  hangup: {},
  cancelled: {},
  held: {},
  resumed: {},
  dtmf: { digits: 'string' },
  collected: { digits: 'string' },
  info: { body: 'string' },
  refer: { to: 'uri' },
  referAccepted: {},
  referRejected: { status: 'status' },
  notify: { status: 'status' },
  replaced: {},
} as const satisfies Record<string, Record<string, TypeName>>;

export type LegEventName = keyof typeof LEG_EVENTS;
