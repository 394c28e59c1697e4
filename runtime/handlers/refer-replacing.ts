/** `refer leg to other replacing`: attended transfer; the port builds Refer-To with `other`'s dialog as Replaces. */
import type { ReferReplacingEffect } from '../effects.js';
import { unboundLeg, type EffectContext, type EffectFailure } from './effect-context.js';

export function handleReferReplacing(effect: ReferReplacingEffect, ctx: EffectContext): EffectFailure | undefined {
  const dialog = ctx.dialogOf(effect.leg);
  if (dialog === undefined) return unboundLeg(effect.leg);
  const replacing = ctx.dialogOf(effect.replacing);
  if (replacing === undefined) return unboundLeg(effect.replacing);
  return ctx.ports.sip.referReplacing(ctx, dialog, replacing);
}
