/** `play leg prompt`. */
import type { PlayEffect } from '../effects.js';
import { unboundLeg, type EffectContext, type EffectFailure } from './effect-context.js';

export function handlePlay(effect: PlayEffect, ctx: EffectContext): EffectFailure | undefined {
  const dialog = ctx.dialogOf(effect.leg);
  return dialog === undefined ? unboundLeg(effect.leg) : ctx.ports.media.play(ctx, dialog, effect.prompt);
}
