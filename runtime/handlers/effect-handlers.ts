/**
 * The one place that maps an effect kind to its handler. The map's type
 * requires a handler for every kind in Effect, so adding an effect kind does
 * not compile until it has a handler here.
 */
import type { Effect, EffectKind } from '../effects.js';
import { handleAnswer } from './answer.js';
import { handleBridge } from './bridge.js';
import { handleCancel } from './cancel.js';
import { handleCancelTimer } from './cancel-timer.js';
import { handleCollect } from './collect.js';
import { handleConference } from './conference.js';
import { handleDial } from './dial.js';
import type { EffectContext, EffectFailure } from './effect-context.js';
import { handleEmit } from './emit.js';
import { handleHangup } from './hangup.js';
import { handleHold } from './hold.js';
import { handleNotify } from './notify.js';
import { handlePlay } from './play.js';
import { handleRefer } from './refer.js';
import { handleReferReplacing } from './refer-replacing.js';
import { handleReject } from './reject.js';
import { handleSend } from './send.js';
import { handleStartTimer } from './start-timer.js';
import { handleTakeover } from './takeover.js';
import { handleUnbridge } from './unbridge.js';
import { handleUnhold } from './unhold.js';

export type EffectOfKind<K extends EffectKind> = Extract<Effect, { kind: K }>;

export type EffectHandler<K extends EffectKind> = (effect: EffectOfKind<K>, ctx: EffectContext) => EffectFailure | undefined;

export type EffectHandlers = { readonly [K in EffectKind]: EffectHandler<K> };

export const effectHandlers: EffectHandlers = {
  dial: handleDial,
  answer: handleAnswer,
  reject: handleReject,
  hangup: handleHangup,
  cancel: handleCancel,
  hold: handleHold,
  unhold: handleUnhold,
  bridge: handleBridge,
  unbridge: handleUnbridge,
  conference: handleConference,
  refer: handleRefer,
  referReplacing: handleReferReplacing,
  takeover: handleTakeover,
  notify: handleNotify,
  play: handlePlay,
  collect: handleCollect,
  emit: handleEmit,
  send: handleSend,
  startTimer: handleStartTimer,
  cancelTimer: handleCancelTimer,
};

// Generic over the kind so TypeScript pairs the handler with its effect type without a cast.
function runKind<K extends EffectKind>(kind: K, effect: EffectOfKind<K>, ctx: EffectContext): EffectFailure | undefined {
  return effectHandlers[kind](effect, ctx);
}

/** Runs one effect through its handler. */
export function runEffect(effect: Effect, ctx: EffectContext): EffectFailure | undefined {
  return runKind(effect.kind, effect, ctx);
}
