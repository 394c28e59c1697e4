/**
 * SIP signalling as the session needs it. Dialogs are named by opaque ids the
 * port chooses; the session binds them to legs. Calls return at once: what
 * the peer answers arrives later as DialogSignals to the owner. A returned
 * PortFailure means the request was not sent.
 */
import type { DialogOwner } from './dialog-owner.js';
import type { PortFailure } from './port-failure.js';

export interface DialRequest {
  readonly leg: string;
  readonly to: string;
  readonly from?: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
}

export interface SipPort {
  /** INVITE; returns the new dialog's id. */
  dial(owner: DialogOwner, request: DialRequest): string | PortFailure;
  /** 200 OK to an offered dialog. */
  answer(owner: DialogOwner, dialogId: string): PortFailure | undefined;
  /** Final non-2xx response to an offered dialog. */
  reject(owner: DialogOwner, dialogId: string, status: number): PortFailure | undefined;
  /** BYE. */
  hangup(owner: DialogOwner, dialogId: string): PortFailure | undefined;
  /** CANCEL an unanswered INVITE. */
  cancel(owner: DialogOwner, dialogId: string): PortFailure | undefined;
  /** re-INVITE with sendonly. */
  hold(owner: DialogOwner, dialogId: string): PortFailure | undefined;
  /** re-INVITE with sendrecv. */
  unhold(owner: DialogOwner, dialogId: string): PortFailure | undefined;
  /** Blind REFER with Refer-To: <to>. */
  refer(owner: DialogOwner, dialogId: string, to: string): PortFailure | undefined;
  /** Attended REFER: Refer-To names the peer of `replacingDialogId` with `?Replaces=` that dialog. */
  referReplacing(owner: DialogOwner, dialogId: string, replacingDialogId: string): PortFailure | undefined;
  /** INVITE with Replaces: `dialogId` is the dialog placed elsewhere; returns the new dialog's id. */
  takeover(owner: DialogOwner, leg: string, dialogId: string): string | PortFailure;
  /** NOTIFY (Event: refer) with a message/sipfrag body `SIP/2.0 <status>`. */
  notify(owner: DialogOwner, dialogId: string, status: number): PortFailure | undefined;
  /**
   * A restored session owns `dialogId` again: later signals on it go to `owner`.
   * Fails when the port no longer knows the dialog.
   */
  adopt(owner: DialogOwner, dialogId: string): PortFailure | undefined;
}
