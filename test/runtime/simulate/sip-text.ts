/** SIP messages for unit tests, written as text and parsed (a test fails loudly if one does not parse). */
import { parseSipMessage, type SipMessage, type SipRequest, type SipResponse } from '../../../runtime/sip/index.js';

export interface Headers {
  /** A request's Request-URI (`sip:b@10.0.0.2` when not given). */
  readonly uri?: string;
  readonly from?: string;
  readonly to?: string;
  readonly callId?: string;
  readonly cseq?: string;
  readonly extra?: readonly string[];
  readonly body?: readonly [type: string, text: string];
}

function parsed(startLine: string, h: Headers): SipMessage {
  const body = h.body?.[1] ?? '';
  const text = [
    startLine,
    'Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-1',
    `From: ${h.from ?? '<sip:a@10.0.0.1>;tag=uac'}`,
    `To: ${h.to ?? '<sip:b@10.0.0.2>;tag=uas'}`,
    `Call-ID: ${h.callId ?? 'd1@10.0.0.1'}`,
    `CSeq: ${h.cseq ?? '1 INVITE'}`,
    ...(h.extra ?? []),
    ...(h.body === undefined ? [] : [`Content-Type: ${h.body[0]}`]),
    `Content-Length: ${Buffer.byteLength(body)}`,
    '',
    body,
  ].join('\r\n');
  const result = parseSipMessage(text);
  if (!result.ok) throw new Error(`${startLine}: ${result.reason}`);
  return result.message;
}

export function sipRequest(method: string, h: Headers = {}): SipRequest {
  const m = parsed(`${method} ${h.uri ?? 'sip:b@10.0.0.2'} SIP/2.0`, { cseq: `1 ${method}`, ...h });
  if (m.kind !== 'request') throw new Error('not a request');
  return m;
}

export function sipResponse(status: string, h: Headers = {}): SipResponse {
  const m = parsed(`SIP/2.0 ${status}`, h);
  if (m.kind !== 'response') throw new Error('not a response');
  return m;
}

export function sdpBody(direction: string, connection = '10.0.0.1'): readonly [string, string] {
  return ['application/sdp', ['v=0', 'o=- 1 1 IN IP4 10.0.0.1', 's=-', `c=IN IP4 ${connection}`, 't=0 0', 'm=audio 4000 RTP/AVP 0', `a=${direction}`, ''].join('\r\n')];
}
