/** `cancel leg`: CANCEL the unanswered INVITE. */
import type { CancelEffect } from '../effects.js';
import { unboundLeg, type EffectContext, type EffectFailure } from './effect-context.js';

export function handleCancel(effect: CancelEffect, ctx: EffectContext): EffectFailure | undefined {
  const dialog = ctx.dialogOf(effect.leg);
  return dialog === undefined ? unboundLeg(effect.leg) : ctx.ports.sip.cancel(ctx, dialog);
}
