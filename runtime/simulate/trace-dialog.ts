/**
 * A dialog of the trace, by Call-ID, and what the replay knows of it: which
 * call and leg it belongs to, who sent the INVITE, its tags, how far its
 * INVITE got, and the requests each side sent (so a response can be paired
 * with its request). Dialogs sharing a Call-ID (forked early dialogs) are
 * one dialog here: they belong to the same leg.
 */
import type { ArmedTimer } from '../clock/clock.js';
import type { SipMessage } from '../sip/message.js';
import { ownText } from '../sip/own-text.js';
import type { DialogBinding } from './simulation-result.js';
import type { ReplayCall } from './replay-call.js';

export type DialogOrigin = DialogBinding['how'];

/**
 * Requests of one side of a dialog: CSeq number and method, in pairs, in
 * one array made on the first request. Thousands of dialogs are live at
 * once in a busy capture, and an array grown by push from empty reserves
 * 17 slots: one small array made from a literal is a fifth of the two
 * that pushing seqs and methods apart took.
 */
class SentRequests {
  #pairs: (number | string)[] | undefined;

  add(seq: number, method: string): void {
    if (this.#pairs === undefined) this.#pairs = [seq, method];
    else this.#pairs.push(seq, method);
  }

  has(seq: number, method: string): boolean {
    const pairs = this.#pairs;
    if (pairs === undefined) return false;
    for (let i = pairs.length - 2; i >= 0; i -= 2) if (pairs[i] === seq && pairs[i + 1] === method) return true;
    return false;
  }
}

export class TraceDialog {
  /** The call and leg it is bound to; undefined for dialogs that are not the flow's. */
  call: ReplayCall | undefined;
  leg: string | undefined;
  how: DialogOrigin = 'dialed';
  /** A takeover moved the leg to another dialog. */
  superseded = false;
  /** The tags of the INVITE's sender (From) and receiver (To). */
  uacTag: string | undefined;
  uasTag: string | undefined;
  /** CSeq number of the INVITE that creates the dialog (a retry after a challenge raises it). */
  inviteSeq: number;
  answered = false;
  /** A final response to the dialog-creating INVITE was seen. */
  final = false;
  /** BYE (either way), a final failure, or CANCEL/487. */
  ended = false;
  flowCancelled = false;
  peerCancelled = false;
  /** The flow's `dial ... timeout` expired: the 487 that follows is a failure (408), not `cancelled`. */
  timedOut = false;
  /** The peer put the flow side on hold (sendonly/inactive re-INVITE). */
  peerHeld = false;
  dialTimer: ArmedTimer | undefined;
  readonly flowSent = new SentRequests();
  readonly peerSent = new SentRequests();

  /** Kept as copies, not views into the INVITE's text (own-text.ts): a dialog outlives its messages. */
  readonly callId: string;

  constructor(
    callId: string,
    /** The flow side sent the dialog-creating INVITE. */
    readonly flowIsUac: boolean,
    /** Frame of the message that created the dialog. */
    readonly frame: number,
    invite: SipMessage,
  ) {
    this.callId = ownText(callId);
    this.inviteSeq = invite.cseq.seq;
    const tag = invite.from.tag;
    this.uacTag = tag === undefined ? undefined : ownText(tag);
  }

  /** Unanswered and not ended: the INVITE is still pending. */
  get early(): boolean {
    return !this.final && !this.ended;
  }

  /** The flow side's own tag. */
  get localTag(): string | undefined {
    return this.flowIsUac ? this.uacTag : this.uasTag;
  }

  get remoteTag(): string | undefined {
    return this.flowIsUac ? this.uasTag : this.uacTag;
  }

  /** Learns the receiver's tag from the first response (or request) that carries it. */
  noteTags(message: SipMessage): void {
    if (this.uasTag !== undefined) return;
    // In requests from the UAS the tags are swapped (its tag is in From).
    const fromUac = message.from.tag === this.uacTag;
    const tag = fromUac ? message.to.tag : message.from.tag;
    if (tag !== undefined) this.uasTag = ownText(tag);
  }

  binding(): DialogBinding {
    return {
      callId: this.callId,
      ...(this.localTag === undefined ? {} : { localTag: this.localTag }),
      ...(this.remoteTag === undefined ? {} : { remoteTag: this.remoteTag }),
      how: this.how,
      superseded: this.superseded,
      frame: this.frame,
    };
  }
}
