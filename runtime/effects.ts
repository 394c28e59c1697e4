/**
 * Effects: what a transition asks the world to do, as data. The machine is
 * pure; a FlowSession hands each effect to a port (SIP, media, clock, bus).
 * Each effect says where in the `.flow` source it was written (`at`).
 */
import type { SourceRef, Value } from './values.js';

interface EffectBase {
  readonly at: SourceRef;
}

export interface DialEffect extends EffectBase {
  readonly kind: 'dial';
  readonly leg: string;
  readonly to: string;
  readonly from?: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
}
export interface AnswerEffect extends EffectBase { readonly kind: 'answer'; readonly leg: string }
export interface RejectEffect extends EffectBase { readonly kind: 'reject'; readonly leg: string; readonly status: number }
export interface HangupEffect extends EffectBase { readonly kind: 'hangup'; readonly leg: string }
export interface CancelEffect extends EffectBase { readonly kind: 'cancel'; readonly leg: string }
export interface HoldEffect extends EffectBase { readonly kind: 'hold'; readonly leg: string; readonly music?: string }
export interface UnholdEffect extends EffectBase { readonly kind: 'unhold'; readonly leg: string }
export interface BridgeEffect extends EffectBase { readonly kind: 'bridge'; readonly a: string; readonly b: string }
export interface UnbridgeEffect extends EffectBase { readonly kind: 'unbridge'; readonly a: string; readonly b?: string }
export interface ConferenceEffect extends EffectBase { readonly kind: 'conference'; readonly legs: readonly string[] }
/** Blind transfer: REFER with Refer-To: <to>. */
export interface ReferEffect extends EffectBase { readonly kind: 'refer'; readonly leg: string; readonly to: string }
/** Attended transfer: REFER to `leg` whose Refer-To names `replacing`'s peer with `?Replaces=` its dialog. */
export interface ReferReplacingEffect extends EffectBase { readonly kind: 'referReplacing'; readonly leg: string; readonly replacing: string }
/** INVITE with Replaces: take over the dialog `leg` currently has elsewhere. */
export interface TakeoverEffect extends EffectBase { readonly kind: 'takeover'; readonly leg: string }
/** NOTIFY (Event: refer) with a message/sipfrag body `SIP/2.0 <status>`. */
export interface NotifyEffect extends EffectBase { readonly kind: 'notify'; readonly leg: string; readonly status: number }
export interface PlayEffect extends EffectBase { readonly kind: 'play'; readonly leg: string; readonly prompt: string }
export interface CollectEffect extends EffectBase {
  readonly kind: 'collect';
  readonly leg: string;
  readonly max?: number;
  readonly terminator?: string;
  readonly timeoutMs?: number;
}
export interface EmitEffect extends EffectBase {
  readonly kind: 'emit';
  readonly event: string;
  readonly payload: Readonly<Record<string, Value>>;
}
export interface SendEffect extends EffectBase {
  readonly kind: 'send';
  readonly flow: string;
  readonly key: string;
  readonly event: string;
  readonly payload: Readonly<Record<string, Value>>;
}
/** Arm a state-scoped timer; when due, the session delivers `{ type: '$timer', timer }`. */
export interface StartTimerEffect extends EffectBase { readonly kind: 'startTimer'; readonly timer: string; readonly delayMs: number }
export interface CancelTimerEffect extends EffectBase { readonly kind: 'cancelTimer'; readonly timer: string }

export type Effect =
  | DialEffect
  | AnswerEffect
  | RejectEffect
  | HangupEffect
  | CancelEffect
  | HoldEffect
  | UnholdEffect
  | BridgeEffect
  | UnbridgeEffect
  | ConferenceEffect
  | ReferEffect
  | ReferReplacingEffect
  | TakeoverEffect
  | NotifyEffect
  | PlayEffect
  | CollectEffect
  | EmitEffect
  | SendEffect
  | StartTimerEffect
  | CancelTimerEffect;

export type EffectKind = Effect['kind'];
