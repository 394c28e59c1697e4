/** `send Event(...) to Flow(key)`: the router delivers it to that instance's mailbox. */
import type { SendEffect } from '../effects.js';
import type { EffectContext, EffectFailure } from './effect-context.js';

export function handleSend(effect: SendEffect, ctx: EffectContext): EffectFailure | undefined {
  // Events are flat: the payload fields sit beside `type`.
  return ctx.ports.router.route(ctx, effect.flow, effect.key, { ...effect.payload, type: effect.event });
}
