/** `hold leg [music m]`: re-INVITE sendonly, then music to the held party if asked for. */
import type { HoldEffect } from '../effects.js';
import { unboundLeg, type EffectContext, type EffectFailure } from './effect-context.js';

export function handleHold(effect: HoldEffect, ctx: EffectContext): EffectFailure | undefined {
  const dialog = ctx.dialogOf(effect.leg);
  if (dialog === undefined) return unboundLeg(effect.leg);
  const held = ctx.ports.sip.hold(ctx, dialog);
  if (held !== undefined || effect.music === undefined) return held;
  return ctx.ports.media.startMusic(ctx, dialog, effect.music);
}
