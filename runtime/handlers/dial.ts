/** `dial leg to uri`: INVITE through the SIP port, then bind the leg to the new dialog. */
import type { DialEffect } from '../effects.js';
import type { EffectContext, EffectFailure } from './effect-context.js';

export function handleDial(effect: DialEffect, ctx: EffectContext): EffectFailure | undefined {
  // A DialEffect is a DialRequest already; passing it avoids a copy per dial.
  const dialed = ctx.ports.sip.dial(ctx, effect);
  if (typeof dialed !== 'string') return dialed;
  ctx.bindLeg(effect.leg, dialed);
  return undefined;
}
