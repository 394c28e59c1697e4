/**
 * Dialogs whose peer can no longer reach flowc. drachtio-server (0.9.x)
 * routes a peer's requests inside a dialog only to the connection that made
 * the dialog: after flowc restarts, or its connection to drachtio-server
 * drops and comes back, the peer's BYE, re-INVITE, INFO or NOTIFY on a call
 * made before is answered 481 by drachtio-server (which ends the dialog on a
 * BYE) and never reaches flowc. flowc's own requests on such a dialog still
 * go out (by drachtio-server's dialog id). So these dialogs are probed with
 * an in-dialog OPTIONS every interval: a dialog drachtio-server no longer
 * has is the leg's `hangup`, and its media is released.
 */
import type { ArmedTimer, Clock, TimerSink } from '../clock/clock.js';

export interface Probing {
  readonly clock: Clock;
  /** Whether the dialog is still up (false: it ended, stop watching it). */
  isUp(dialogId: string): boolean;
  probe(dialogId: string): void;
}

/** How often orphaned dialogs are probed: a peer's hangup is noticed within this long. */
export const ORPHAN_PROBE_MS = 30_000;

export class OrphanWatch implements TimerSink {
  private readonly ids = new Set<string>();
  private armed: ArmedTimer | undefined;

  constructor(
    private readonly port: Probing,
    private readonly everyMs = ORPHAN_PROBE_MS,
  ) {}

  get size(): number {
    return this.ids.size;
  }

  watch(dialogId: string): void {
    this.ids.add(dialogId);
    this.armed ??= this.port.clock.arm(this, 'orphan-probe', this.port.clock.now() + this.everyMs);
  }

  timerDue(): void {
    this.armed = undefined;
    for (const id of [...this.ids]) {
      if (this.port.isUp(id)) this.port.probe(id);
      else this.ids.delete(id);
    }
    if (this.ids.size > 0) this.armed = this.port.clock.arm(this, 'orphan-probe', this.port.clock.now() + this.everyMs);
  }

  /** Nothing more to watch (shutdown): no timer keeps the process alive. */
  stop(): void {
    if (this.armed !== undefined) this.port.clock.disarm(this.armed);
    this.armed = undefined;
    this.ids.clear();
  }
}
