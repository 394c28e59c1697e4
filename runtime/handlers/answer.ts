/** `answer leg`: 200 OK to the offered dialog. */
import type { AnswerEffect } from '../effects.js';
import { unboundLeg, type EffectContext, type EffectFailure } from './effect-context.js';

export function handleAnswer(effect: AnswerEffect, ctx: EffectContext): EffectFailure | undefined {
  const dialog = ctx.dialogOf(effect.leg);
  return dialog === undefined ? unboundLeg(effect.leg) : ctx.ports.sip.answer(ctx, dialog);
}
