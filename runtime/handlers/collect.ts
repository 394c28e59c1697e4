/** `collect leg digits ...`: the digits come back as a `collected` signal on the leg's dialog. */
import type { CollectEffect } from '../effects.js';
import { unboundLeg, type EffectContext, type EffectFailure } from './effect-context.js';

export function handleCollect(effect: CollectEffect, ctx: EffectContext): EffectFailure | undefined {
  const dialog = ctx.dialogOf(effect.leg);
  // A CollectEffect is a CollectRequest already; no copy.
  return dialog === undefined ? unboundLeg(effect.leg) : ctx.ports.media.collect(ctx, dialog, effect);
}
