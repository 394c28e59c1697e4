/** `refer leg to uri`: blind transfer, REFER with Refer-To: <uri>. */
import type { ReferEffect } from '../effects.js';
import { unboundLeg, type EffectContext, type EffectFailure } from './effect-context.js';

export function handleRefer(effect: ReferEffect, ctx: EffectContext): EffectFailure | undefined {
  const dialog = ctx.dialogOf(effect.leg);
  return dialog === undefined ? unboundLeg(effect.leg) : ctx.ports.sip.refer(ctx, dialog, effect.to);
}
