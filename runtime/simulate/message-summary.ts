/**
 * One-line names of SIP messages for steps and ladders (`INVITE
 * sip:+15551234567@127.0.0.30`, `200 INVITE`), and a longer description
 * with the details simulate compares, for a divergence.
 */
import { eventOf } from '../sip/event.js';
import type { SipMessage } from '../sip/message.js';
import { sdpOf } from '../sip/sdp-direction.js';
import { sipfragOf } from '../sip/sipfrag.js';
import { referTo as referToOf } from './message-fields.js';
import { ownText } from '../sip/own-text.js';

/** Response summaries are few (`200 INVITE`, `180 INVITE`, `200 BYE`...): each string is built once. */
const responseSummaries = new Map<string, Map<number, string>>();
/**
 * Request summaries by method and Request-URI: a capture sends most
 * requests to a few URIs (a gateway's, a dialog's Contact), and a summary
 * kept by a step must not be a view into its message (own-text.ts).
 */
const requestSummaries = new Map<string, Map<string, string>>();
const MAX_REQUEST_SUMMARIES = 4096;
let requestSummaryCount = 0;

export function summarize(message: SipMessage): string {
  if (message.kind === 'request') return requestSummary(message.method, message.requestUri);
  const method = message.cseq.method;
  let byStatus = responseSummaries.get(method);
  if (byStatus === undefined) {
    byStatus = new Map();
    if (responseSummaries.size < 64) responseSummaries.set(method, byStatus);
  }
  let summary = byStatus.get(message.status);
  if (summary === undefined) {
    summary = `${message.status} ${method}`;
    byStatus.set(message.status, summary);
  }
  return summary;
}

function requestSummary(method: string, requestUri: string): string {
  let byUri = requestSummaries.get(method);
  if (byUri === undefined) {
    byUri = new Map();
    if (requestSummaries.size < 64) requestSummaries.set(method, byUri);
  }
  let summary = byUri.get(requestUri);
  if (summary === undefined) {
    summary = ownText(`${method} ${requestUri}`);
    if (requestSummaryCount < MAX_REQUEST_SUMMARIES) {
      // The key is kept too: a copy, not the message's Request-URI.
      byUri.set(ownText(requestUri), summary);
      requestSummaryCount++;
    }
  }
  return summary;
}

/** The summary plus what simulate compares on this kind of message. */
export function describeMessage(message: SipMessage, leg: string | undefined): string {
  const parts = [summarize(message)];
  if (leg !== undefined) parts.push(`on ${leg}`);
  if (message.kind === 'request') {
    const replaces = message.headers.get('Replaces');
    if (replaces !== undefined) parts.push(`Replaces: ${replaces}`);
    const referTo = referToOf(message);
    if (referTo !== undefined) {
      if (!referTo.ok) parts.push(`Refer-To unreadable (${referTo.reason})`);
      else {
        const r = referTo.value.replaces;
        const embedded = r === undefined ? '' : r.ok ? ` with Replaces=${r.value.callId};to-tag=${r.value.toTag};from-tag=${r.value.fromTag}` : ` with unreadable Replaces (${r.reason})`;
        parts.push(`Refer-To ${referTo.value.uri}${embedded}`);
      }
    }
    const event = eventOf(message);
    if (event !== undefined && event.ok) parts.push(`Event: ${event.value.package}`);
    const frag = sipfragOf(message);
    if (frag !== undefined && frag.ok) parts.push(`sipfrag ${frag.value.status}`);
    if (message.method === 'INVITE') {
      const sdp = sdpOf(message);
      if (sdp !== undefined) parts.push(`SDP a=${sdp.direction}${sdp.connectionZero ? ' c=0.0.0.0' : ''}`);
    }
  }
  return parts.join(', ');
}
