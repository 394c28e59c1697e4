/** `hangup leg`: BYE. The binding stays so late signals on the dialog still find the leg. */
import type { HangupEffect } from '../effects.js';
import { unboundLeg, type EffectContext, type EffectFailure } from './effect-context.js';

export function handleHangup(effect: HangupEffect, ctx: EffectContext): EffectFailure | undefined {
  const dialog = ctx.dialogOf(effect.leg);
  return dialog === undefined ? unboundLeg(effect.leg) : ctx.ports.sip.hangup(ctx, dialog);
}
