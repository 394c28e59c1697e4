/** `bridge a b`: connect the media of two legs. */
import type { BridgeEffect } from '../effects.js';
import { unboundLeg, type EffectContext, type EffectFailure } from './effect-context.js';

export function handleBridge(effect: BridgeEffect, ctx: EffectContext): EffectFailure | undefined {
  const a = ctx.dialogOf(effect.a);
  if (a === undefined) return unboundLeg(effect.a);
  const b = ctx.dialogOf(effect.b);
  if (b === undefined) return unboundLeg(effect.b);
  return ctx.ports.media.bridge(ctx, a, b);
}
