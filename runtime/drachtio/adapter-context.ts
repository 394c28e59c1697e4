/**
 * What the SIP adapter's request and event handlers share. The port itself
 * is the context, so a handler is a plain function of (context, dialog, ...).
 */
import type { Clock } from '../clock/clock.js';
import type { DialogOwner } from '../ports/dialog-owner.js';
import type { DialogSignal } from '../ports/dialog-signal.js';
import type { AdapterLog } from './adapter-log.js';
import type { DialogTable } from './dialog-table.js';
import type { GlareTiming } from './glare-timing.js';
import type { LaterEffect } from './later-failure.js';
import type { MediaAnchor } from './media-anchor.js';
import type { PortDialog } from './port-dialog.js';
import type { SrfApi, SrfDialog } from './srf-api.js';

export interface AdapterContext {
  readonly srf: SrfApi;
  readonly clock: Clock;
  readonly media: MediaAnchor;
  readonly dialogs: DialogTable;
  readonly log: AdapterLog;
  readonly glare: GlareTiming;
  /** Told when a dialog is found gone under its session (after the leg's `hangup`). */
  readonly dialogLost: ((owner: DialogOwner, dialogId: string) => void) | undefined;
  /** Gives the dialog's owner a signal; the session queues it if it is busy. */
  signal(dialog: PortDialog, signal: DialogSignal): void;
  /** A request already accepted failed: the owner hears of it as a failed effect. */
  failed(dialog: PortDialog, effect: LaterEffect, message: string, status?: number): void;
  /** The dialog is over: its timer disarmed, its media released, and it is forgotten. */
  finish(dialog: PortDialog): void;
  /** The dialog is confirmed on `sip`: listen to the peer's requests on it. */
  established(dialog: PortDialog, sip: SrfDialog): void;
}
