/** Timer disarmed on state exit; a firing already queued in the mailbox is dropped too. */
import type { CancelTimerEffect } from '../effects.js';
import type { EffectContext, EffectFailure } from './effect-context.js';

export function handleCancelTimer(effect: CancelTimerEffect, ctx: EffectContext): EffectFailure | undefined {
  ctx.cancelTimer(effect.timer);
  return undefined;
}
