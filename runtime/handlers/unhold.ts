/**
 * `unhold leg`: stop any music, then re-INVITE sendrecv. The effect does not
 * say whether music was playing; the media port treats stopping silence as
 * nothing to do.
 */
import type { UnholdEffect } from '../effects.js';
import { unboundLeg, type EffectContext, type EffectFailure } from './effect-context.js';

export function handleUnhold(effect: UnholdEffect, ctx: EffectContext): EffectFailure | undefined {
  const dialog = ctx.dialogOf(effect.leg);
  if (dialog === undefined) return unboundLeg(effect.leg);
  return ctx.ports.media.stopMusic(ctx, dialog) ?? ctx.ports.sip.unhold(ctx, dialog);
}
