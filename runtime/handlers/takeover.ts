/**
 * `takeover leg`: INVITE with Replaces for the dialog the leg has elsewhere;
 * the leg then lives on the new dialog.
 */
import type { TakeoverEffect } from '../effects.js';
import { unboundLeg, type EffectContext, type EffectFailure } from './effect-context.js';

export function handleTakeover(effect: TakeoverEffect, ctx: EffectContext): EffectFailure | undefined {
  const replaced = ctx.dialogOf(effect.leg);
  if (replaced === undefined) return unboundLeg(effect.leg);
  const taken = ctx.ports.sip.takeover(ctx, effect.leg, replaced);
  if (typeof taken !== 'string') return taken;
  ctx.bindLeg(effect.leg, taken);
  return undefined;
}
