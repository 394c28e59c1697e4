/** `conference a b [c]`: mix the legs in one conference. */
import type { ConferenceEffect } from '../effects.js';
import { unboundLeg, type EffectContext, type EffectFailure } from './effect-context.js';

export function handleConference(effect: ConferenceEffect, ctx: EffectContext): EffectFailure | undefined {
  const dialogs: string[] = [];
  for (const leg of effect.legs) {
    const dialog = ctx.dialogOf(leg);
    if (dialog === undefined) return unboundLeg(leg);
    dialogs.push(dialog);
  }
  return ctx.ports.media.conference(ctx, dialogs);
}
