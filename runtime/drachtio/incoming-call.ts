/**
 * A new INVITE as the application sees it before deciding which flow takes
 * it: where it was sent (Request-URI), its headers, and the two ways out.
 * The adapter has already named the dialog, so the caller can bind it to the
 * flow's inbound leg before the session starts.
 */
import type { DialogOwner } from '../ports/dialog-owner.js';

export interface IncomingCall {
  /** The dialog id the session binds to its inbound leg. */
  readonly dialogId: string;
  readonly callId: string;
  readonly requestUri: string;
  /** The Request-URI's user part (the dialled number), when it has one. */
  readonly requestUser: string | undefined;
  /** A header of the INVITE, as received. */
  header(name: string): string | undefined;
  /** The session that takes the call; signals on the dialog go to it from now on. */
  accept(owner: DialogOwner): void;
  /** Refuse the call with a final response. */
  reject(status: number): void;
}

/** Decides what happens to a new call; it must call `accept` or `reject` before returning. */
export type IncomingCallHandler = (call: IncomingCall) => void;
