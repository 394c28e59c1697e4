/**
 * What the flow's effects make the replay wait for from the flow side. One
 * expectation per SIP effect (and one for the CANCEL a `dial ... timeout`
 * makes the SIP stack send). Targets are legs, resolved to dialogs when a
 * message is compared, because a leg's dialog may only appear in the trace
 * after the effect (a dial, a takeover in the same step).
 */
import type {
  AnswerEffect,
  CancelEffect,
  DialEffect,
  Effect,
  HangupEffect,
  HoldEffect,
  NotifyEffect,
  ReferEffect,
  ReferReplacingEffect,
  RejectEffect,
  TakeoverEffect,
  UnholdEffect,
} from '../effects.js';
import type { SourceRef } from '../values.js';
import type { ReplayCall } from './replay-call.js';
import type { TraceDialog } from './trace-dialog.js';

export type SipEffect =
  | DialEffect
  | AnswerEffect
  | RejectEffect
  | HangupEffect
  | CancelEffect
  | HoldEffect
  | UnholdEffect
  | ReferEffect
  | ReferReplacingEffect
  | TakeoverEffect
  | NotifyEffect;

interface ExpectationBase {
  readonly call: ReplayCall;
  readonly leg: string;
  readonly at: SourceRef;
  /** The call's step that produced it: messages of a later step may not overtake it. */
  readonly order: number;
  readonly time: number;
}

/** A SIP effect of the flow (narrow on `effect.kind`). */
export interface EffectExpectation extends ExpectationBase {
  readonly kind: 'effect';
  readonly effect: SipEffect;
}

/** The CANCEL the SIP stack sends when a `dial ... timeout` expires. */
export interface DialTimeoutExpectation extends ExpectationBase {
  readonly kind: 'dialTimeout';
  readonly effect: DialEffect;
  /** The dialog whose INVITE timed out. */
  readonly dialog: TraceDialog;
}

export type Expectation = EffectExpectation | DialTimeoutExpectation;

/** `dial`, `hangup`, ... or `dialTimeout`. */
export function expectationKind(expected: Expectation): SipEffect['kind'] | 'dialTimeout' {
  return expected.kind === 'dialTimeout' ? 'dialTimeout' : expected.effect.kind;
}

/** Expectations a new INVITE is compared with. */
export function opensDialog(expected: Expectation): boolean {
  return expected.kind === 'effect' && (expected.effect.kind === 'dial' || expected.effect.kind === 'takeover');
}

export function isSipEffect(effect: Effect): effect is SipEffect {
  switch (effect.kind) {
    case 'dial':
    case 'answer':
    case 'reject':
    case 'hangup':
    case 'cancel':
    case 'hold':
    case 'unhold':
    case 'refer':
    case 'referReplacing':
    case 'takeover':
    case 'notify':
      return true;
    default:
      return false;
  }
}

/**
 * The expectation an effect creates, or undefined when the SIP stack would
 * send nothing: the leg has no live dialog (hanging up an ended call, holding
 * a leg never dialled — a port failure live, silence on the wire).
 */
export function expectationOf(effect: SipEffect, call: ReplayCall, order: number, time: number): Expectation | undefined {
  if (effect.kind !== 'dial') {
    const dialog = call.current(effect.leg);
    if (dialog === undefined || dialog.ended) return undefined;
    // CANCEL only reaches an INVITE still pending.
    if (effect.kind === 'cancel' && (!dialog.early || !dialog.flowIsUac)) return undefined;
    // answer and reject only reach an offered call not yet answered.
    if ((effect.kind === 'answer' || effect.kind === 'reject') && (dialog.flowIsUac || dialog.final)) return undefined;
  }
  return { kind: 'effect', effect, call, leg: effect.leg, at: effect.at, order, time };
}
