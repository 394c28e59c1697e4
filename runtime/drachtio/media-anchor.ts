/**
 * Where the SDP of each dialog comes from. The SIP adapter never writes
 * media descriptions itself: with FreeSWITCH each dialog is anchored on an
 * endpoint (its SDP is the endpoint's), without a media server a fixed
 * description stands in so signalling-only flows still run.
 */
import type { SdpDirection } from '../sip/sdp-direction.js';
import type { DialogOwner } from '../ports/dialog-owner.js';
import type { PortFailure } from '../ports/port-failure.js';
import type { MediaFacts } from './dialog-facts.js';

export interface MediaAnchor {
  /** The offer for a new outgoing INVITE on `dialogId`. */
  offer(owner: DialogOwner, dialogId: string): Promise<string | PortFailure>;
  /** The peer answered that offer. */
  answered(dialogId: string, remoteSdp: string): Promise<PortFailure | undefined>;
  /** Our answer to the offer of a new incoming INVITE on `dialogId`. */
  answer(owner: DialogOwner, dialogId: string, remoteSdp: string): Promise<string | PortFailure>;
  /** The offer for a re-INVITE we send (hold, unhold): the current description with this direction. */
  reoffer(dialogId: string, direction: SdpDirection): Promise<string | PortFailure>;
  /** Our answer to the peer's re-INVITE. */
  reanswer(dialogId: string, remoteSdp: string): Promise<string | PortFailure>;
  /** The media of `from` serves `to` from now on (a takeover or an INVITE with Replaces moved the leg). */
  move(from: string, to: string): void;
  /** The dialog ended: free what it held. Releasing twice does nothing. */
  release(dialogId: string): void;
  /** What to save with the dialog so its media can be taken up after a restart (nothing without a media server). */
  factsOf?(dialogId: string): MediaFacts | undefined;
  /** A dialog recovered after a restart had this media: take it up again (once the media server is there). */
  recover?(dialogId: string, facts: MediaFacts): void;
}
