/** `notify leg status N`: NOTIFY (Event: refer) with a sipfrag `SIP/2.0 N`. */
import type { NotifyEffect } from '../effects.js';
import { unboundLeg, type EffectContext, type EffectFailure } from './effect-context.js';

export function handleNotify(effect: NotifyEffect, ctx: EffectContext): EffectFailure | undefined {
  const dialog = ctx.dialogOf(effect.leg);
  return dialog === undefined ? unboundLeg(effect.leg) : ctx.ports.sip.notify(ctx, dialog, effect.status);
}
