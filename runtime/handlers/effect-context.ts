/**
 * What a handler may use of its session: the ports, the leg table and the
 * session's timers. The FlowSession is the context itself, so running an
 * effect allocates nothing for it.
 */
import type { DialogOwner } from '../ports/dialog-owner.js';
import type { PortFailure } from '../ports/port-failure.js';
import type { Ports } from '../ports/ports.js';

export interface EffectContext extends DialogOwner {
  readonly ports: Ports;
  dialogOf(leg: string): string | undefined;
  bindLeg(leg: string, dialogId: string): void;
  startTimer(timer: string, delayMs: number): void;
  cancelTimer(timer: string): void;
}

/** The effect names a leg that has no dialog yet (never dialed, offered or taken over). */
export interface UnboundLegFailure {
  readonly kind: 'unboundLeg';
  readonly leg: string;
  readonly message: string;
}

export type EffectFailure = PortFailure | UnboundLegFailure;

export function unboundLeg(leg: string): UnboundLegFailure {
  return { kind: 'unboundLeg', leg, message: `leg \`${leg}\` has no dialog` };
}
