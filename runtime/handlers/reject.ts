/** `reject leg status`: a final non-2xx response to the offered dialog. */
import type { RejectEffect } from '../effects.js';
import { unboundLeg, type EffectContext, type EffectFailure } from './effect-context.js';

export function handleReject(effect: RejectEffect, ctx: EffectContext): EffectFailure | undefined {
  const dialog = ctx.dialogOf(effect.leg);
  return dialog === undefined ? unboundLeg(effect.leg) : ctx.ports.sip.reject(ctx, dialog, effect.status);
}
