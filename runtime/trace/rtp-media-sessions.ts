/**
 * Which dialog each media endpoint of a trace belongs to, learnt from the
 * SDP of the SIP messages read so far: an RTP packet sent to (or from) an
 * address and port that a dialog's SDP announced is that dialog's media.
 * A later SDP for the same endpoint (a new call reusing the port) wins.
 */
import { asBuffer } from '../sip/buffer-view.js';
import { bodyOfType } from '../sip/body-part.js';
import type { SipMessage } from '../sip/message.js';
import { ownText } from '../sip/own-text.js';
import { sdpAudioEndpoints } from './rtp-sdp-media.js';

export interface MediaOwner {
  /** Call-ID of the dialog whose SDP announced the endpoint. */
  readonly callId: string;
  /** Telephone-event payload type -> RTP clock rate (Hz), as that SDP maps them. */
  readonly telephoneEvents: ReadonlyMap<number, number>;
}

export class RtpMediaSessions {
  /** ip -> port -> owner: looked up per RTP packet without building a key string. */
  readonly #owners = new Map<string, Map<number, MediaOwner>>();

  get empty(): boolean {
    return this.#owners.size === 0;
  }

  learn(message: SipMessage): void {
    if (message.body.length === 0) return;
    const body = bodyOfType(message, 'application/sdp');
    if (body === undefined) return;
    // A copy: the message's Call-ID is a view into its whole text, and an owner is kept until its port is reused.
    const callId = ownText(message.callId);
    for (const endpoint of sdpAudioEndpoints(asBuffer(body).toString('utf8'))) {
      let ports = this.#owners.get(endpoint.ip);
      if (ports === undefined) {
        ports = new Map();
        this.#owners.set(endpoint.ip, ports);
      }
      ports.set(endpoint.port, { callId, telephoneEvents: endpoint.telephoneEvents });
    }
  }

  ownerOf(ip: string, port: number): MediaOwner | undefined {
    return this.#owners.get(ip)?.get(port);
  }
}
