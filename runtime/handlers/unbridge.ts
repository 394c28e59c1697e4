/** `unbridge a [b]`: disconnect the media of `a` (from `b`, or from whatever it is bridged to). */
import type { UnbridgeEffect } from '../effects.js';
import { unboundLeg, type EffectContext, type EffectFailure } from './effect-context.js';

export function handleUnbridge(effect: UnbridgeEffect, ctx: EffectContext): EffectFailure | undefined {
  const a = ctx.dialogOf(effect.a);
  if (a === undefined) return unboundLeg(effect.a);
  if (effect.b === undefined) return ctx.ports.media.unbridge(ctx, a, undefined);
  const b = ctx.dialogOf(effect.b);
  if (b === undefined) return unboundLeg(effect.b);
  return ctx.ports.media.unbridge(ctx, a, b);
}
