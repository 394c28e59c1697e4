/**
 * Something went wrong while the session ran; it is reported to the observer
 * and the session carries on with the next effect or event.
 */
import type { Effect } from '../effects.js';
import type { EffectFailure } from '../handlers/effect-context.js';
import type { FlowEvent } from '../machine.js';
import type { DialogSignal } from '../ports/dialog-signal.js';

export type SessionError =
  /** A port refused or later failed an effect, or the effect named a leg with no dialog. */
  | { readonly kind: 'effectFailed'; readonly effect: Effect; readonly failure: EffectFailure; readonly message: string }
  /** A port signalled a dialog no leg of this session is on. */
  | { readonly kind: 'unknownDialog'; readonly dialogId: string; readonly signal: DialogSignal; readonly message: string }
  /** The machine or a port threw: a bug, contained so other calls keep going. */
  | {
      readonly kind: 'internal';
      readonly event?: FlowEvent;
      readonly effect?: Effect;
      readonly cause: unknown;
      readonly message: string;
    }
  /** start() called twice, restore of a session whose dialogs the port lost, and the like. */
  | { readonly kind: 'lifecycle'; readonly message: string };
