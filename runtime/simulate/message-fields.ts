/**
 * What the replay reads of a message beyond its start line, Call-ID and
 * CSeq: the Request-URI user, Replaces, Refer-To, the SDP direction. A
 * message from the flow side is compared with several expectations in a
 * row (pending dials, each command tried by inference, then the one it
 * meets), so the last message's readings are kept and each is read once.
 * Keyed by the message object: the same message always reads the same.
 */
import type { SipMessage } from '../sip/message.js';
import type { Parsed } from '../sip/parsed.js';
import { referToOf, type ReferTo } from '../sip/refer-to.js';
import { replacesOf as readReplaces, type Replaces } from '../sip/replaces.js';
import { requestUriUserOf } from '../sip/request-uri.js';
import { sdpOf, type SdpSummary } from '../sip/sdp-direction.js';

let userMessage: SipMessage | undefined;
let user: string | undefined;
let replacesMessage: SipMessage | undefined;
let replaces: Parsed<Replaces> | undefined;
let referMessage: SipMessage | undefined;
let refer: Parsed<ReferTo> | undefined;
let sdpMessage: SipMessage | undefined;
let sdp: SdpSummary | undefined;

/** The user part of a request's Request-URI; undefined for responses and URIs without one. */
export function requestUser(message: SipMessage): string | undefined {
  if (message !== userMessage) {
    user = requestUriUserOf(message);
    userMessage = message;
  }
  return user;
}

/** The Replaces header, read; undefined when the message has none. */
export function replacesOf(message: SipMessage): Parsed<Replaces> | undefined {
  if (message !== replacesMessage) {
    replaces = readReplaces(message);
    replacesMessage = message;
  }
  return replaces;
}

/** The Refer-To header, read; undefined when the message has none. */
export function referTo(message: SipMessage): Parsed<ReferTo> | undefined {
  if (message !== referMessage) {
    refer = referToOf(message);
    referMessage = message;
  }
  return refer;
}

/** The SDP's direction; undefined without SDP. */
export function sdpSummary(message: SipMessage): SdpSummary | undefined {
  if (message !== sdpMessage) {
    sdp = sdpOf(message);
    sdpMessage = message;
  }
  return sdp;
}
