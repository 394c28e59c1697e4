/**
 * The side of a session a port talks back to. Ports are shared by many
 * sessions, so each request names its owner; the port reports later events
 * on the dialog to that owner (a FlowSession).
 */
import type { Effect } from '../effects.js';
import type { DialogSignal } from './dialog-signal.js';
import type { PortFailure } from './port-failure.js';

export interface DialogOwner {
  readonly flow: string;
  readonly key: string | undefined;
  /** Something happened on a dialog the owner dialed, answered or took over. */
  dialogEvent(dialogId: string, signal: DialogSignal): void;
  /** An effect the port had accepted failed later (asynchronous adapters). */
  effectFailed(effect: Effect, failure: PortFailure): void;
}
