/** State-scoped timer armed on entry; the session re-arms a timer name that is already armed. */
import type { StartTimerEffect } from '../effects.js';
import type { EffectContext, EffectFailure } from './effect-context.js';

export function handleStartTimer(effect: StartTimerEffect, ctx: EffectContext): EffectFailure | undefined {
  ctx.startTimer(effect.timer, effect.delayMs);
  return undefined;
}
