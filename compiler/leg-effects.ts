/**
 * What verbs and leg events do to the phases of one leg, as small integer
 * tables for the leg-phase analysis (leg-phases.ts).
 *
 * Phases are a 3-bit set: DOWN (idle or ended), DIALING (an outbound dial
 * not yet answered, or an inbound call offered and not yet answered) and UP
 * (connected or held). Every verb moves each phase on its own (a set maps to
 * the union of what its members map to), so an effect is its image of DOWN,
 * DIALING and UP, packed in 9 bits, and a run of actions is the composition
 * of their effects. The analysis reads each block of the AST once, here, and
 * then works on integers only: re-reading the same entry and exit blocks for
 * every transition that runs them is what made it slow on large flows.
 */
import type { Action, Block, LegEventName } from '../grammar/ast.js';

export const DOWN = 1;
export const DIALING = 2;
export const UP = 4;
/** A leg that still has (or is about to have) a dialog. */
export const LIVE = DIALING | UP;

/** `f(DOWN) | f(DIALING) << 3 | f(UP) << 6`. */
export type Effect = number;

function effect(down: number, dialing: number, up: number): Effect {
  return down | (dialing << 3) | (up << 6);
}

export const IDENTITY: Effect = effect(DOWN, DIALING, UP);
/** `dial`, `takeover`: the leg is dialling, whatever it was. */
const TO_DIALING: Effect = effect(DIALING, DIALING, DIALING);
/** `answer`: an offered call is connected; a leg that is down or up stays so. */
const ANSWER: Effect = effect(DOWN, UP, UP);
/** `hangup`, `cancel`, `reject`: the leg is down. */
const TO_DOWN: Effect = effect(DOWN, DOWN, DOWN);

/** The phases `effect` leads `phases` to (0 stays 0: a state never entered stays so). */
export function applyEffect(effect: Effect, phases: number): number {
  return ((phases & DOWN) === 0 ? 0 : effect & 7) | ((phases & DIALING) === 0 ? 0 : (effect >> 3) & 7) | ((phases & UP) === 0 ? 0 : (effect >> 6) & 7);
}

/** `first`, then `then`. */
export function compose(first: Effect, then: Effect): Effect {
  if (then === IDENTITY) return first;
  if (first === IDENTITY) return then;
  return effect(applyEffect(then, first & 7), applyEffect(then, (first >> 3) & 7), applyEffect(then, (first >> 6) & 7));
}

export interface LegMove {
  readonly leg: string;
  readonly effect: Effect;
  /** The phase it may put the leg in, whatever the leg was in before. */
  readonly assigns: number;
}

/** The leg an action moves and how; undefined for verbs that move no leg. */
export function legMove(action: Action): LegMove | undefined {
  switch (action.kind) {
    case 'Dial':
    case 'Takeover':
      return { leg: action.leg.text, effect: TO_DIALING, assigns: DIALING };
    case 'Answer':
      return { leg: action.leg.text, effect: ANSWER, assigns: UP };
    case 'Hangup':
    case 'Cancel':
    case 'Reject':
      return { leg: action.leg.text, effect: TO_DOWN, assigns: DOWN };
    default:
      return undefined;
  }
}

/** The effect of running `blocks`, in order, on `leg`. */
export function blocksEffect(blocks: readonly Block[], leg: string): Effect {
  let out = IDENTITY;
  for (const block of blocks) {
    for (const action of block.actions) {
      const move = legMove(action);
      if (move !== undefined && move.leg === leg) out = compose(out, move.effect);
    }
  }
  return out;
}

/** The phase a leg event needs and the phase it leaves the leg in. */
export const EVENT_PHASES: Readonly<Record<LegEventName, { readonly pre: number; readonly post: number }>> = {
  ringing: { pre: DIALING, post: DIALING },
  early: { pre: DIALING, post: DIALING },
  answered: { pre: DIALING, post: UP },
  failed: { pre: DIALING, post: DOWN },
  cancelled: { pre: DIALING, post: DOWN },
  hangup: { pre: UP, post: DOWN },
  replaced: { pre: UP, post: DOWN },
  held: { pre: UP, post: UP },
  resumed: { pre: UP, post: UP },
  dtmf: { pre: UP, post: UP },
  collected: { pre: UP, post: UP },
  info: { pre: UP, post: UP },
  refer: { pre: UP, post: UP },
  referAccepted: { pre: UP, post: UP },
  referRejected: { pre: UP, post: UP },
  notify: { pre: UP, post: UP },
};
