/**
 * A request the adapter accepted and sent can still fail later (the
 * connection to drachtio-server dropped, the peer answered 488 to a hold).
 * The session hears of it as a failed effect; the adapter rebuilds the
 * effect from what it was asked, so the observer, the log and the metrics
 * count it like any other failed effect. The `.flow` line is not known here:
 * `at` is 0:0.
 */
import type { Effect } from '../effects.js';
import type { DialogOwner } from '../ports/dialog-owner.js';
import type { SourceRef } from '../values.js';

export type LaterEffect =
  | { readonly kind: 'dial'; readonly to: string }
  | { readonly kind: 'takeover' }
  | { readonly kind: 'answer' | 'hangup' | 'hold' | 'unhold' }
  | { readonly kind: 'refer'; readonly to: string }
  | { readonly kind: 'referReplacing'; readonly replacing: string }
  | { readonly kind: 'notify'; readonly status: number }
  | { readonly kind: 'music'; readonly music: string }
  | { readonly kind: 'bridge' | 'unbridge'; readonly other: string | undefined }
  | { readonly kind: 'conference'; readonly dialogs: readonly string[] }
  | { readonly kind: 'play'; readonly prompt: string }
  | { readonly kind: 'collect' };

const UNKNOWN_AT: SourceRef = { line: 0, column: 0 };

export function effectOf(later: LaterEffect, leg: string, legOf: (dialogId: string) => string = (id) => id): Effect {
  const at = UNKNOWN_AT;
  switch (later.kind) {
    case 'dial':
      return { kind: 'dial', leg, to: later.to, headers: {}, at };
    case 'takeover':
      return { kind: 'takeover', leg, at };
    case 'answer':
    case 'hangup':
    case 'hold':
    case 'unhold':
      return { kind: later.kind, leg, at };
    case 'refer':
      return { kind: 'refer', leg, to: later.to, at };
    case 'referReplacing':
      return { kind: 'referReplacing', leg, replacing: later.replacing, at };
    case 'notify':
      return { kind: 'notify', leg, status: later.status, at };
    case 'music':
      return { kind: 'hold', leg, music: later.music, at };
    case 'bridge':
      return { kind: 'bridge', a: leg, b: later.other === undefined ? '' : legOf(later.other), at };
    case 'unbridge':
      return later.other === undefined ? { kind: 'unbridge', a: leg, at } : { kind: 'unbridge', a: leg, b: legOf(later.other), at };
    case 'conference':
      return { kind: 'conference', legs: later.dialogs.map(legOf), at };
    case 'play':
      return { kind: 'play', leg, prompt: later.prompt, at };
    case 'collect':
      return { kind: 'collect', leg, at };
  }
}

/** The owner's leg on `dialogId` when the owner is a session (it can say), else the dialog id itself. */
export function legOfOwner(owner: DialogOwner, dialogId: string): string {
  const legOf: unknown = (owner as { legOf?: unknown }).legOf;
  if (typeof legOf !== 'function') return dialogId;
  const leg: unknown = legOf.call(owner, dialogId);
  return typeof leg === 'string' ? leg : dialogId;
}
