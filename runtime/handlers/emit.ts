/** `emit Name(...)`: publish on the event bus, stamped with the emitting flow instance. */
import type { EmitEffect } from '../effects.js';
import type { EffectContext, EffectFailure } from './effect-context.js';

export function handleEmit(effect: EmitEffect, ctx: EffectContext): EffectFailure | undefined {
  return ctx.ports.bus.publish({
    flow: ctx.flow,
    key: ctx.key,
    event: effect.event,
    payload: effect.payload,
    at: effect.at,
  });
}
