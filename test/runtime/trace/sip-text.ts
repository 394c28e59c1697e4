/** Builds SIP messages as text for trace tests, with a correct Content-Length. */

export interface SipRequestSpec {
  readonly method: string;
  readonly callId: string;
  readonly cseq?: number;
  readonly branch?: string;
  readonly fromTag?: string;
  readonly toTag?: string;
  readonly body?: string;
  readonly extra?: readonly string[];
  readonly via?: string;
}

export function sipRequest(spec: SipRequestSpec): string {
  const body = spec.body ?? '';
  return [
    `${spec.method} sip:bob@10.0.0.2:5060 SIP/2.0`,
    `Via: SIP/2.0/${spec.via ?? 'UDP'} 10.0.0.1:5060;branch=${spec.branch ?? `z9hG4bK-${spec.callId}-${spec.cseq ?? 1}`}`,
    'Max-Forwards: 70',
    `From: <sip:alice@10.0.0.1>;tag=${spec.fromTag ?? 'from-1'}`,
    `To: <sip:bob@10.0.0.2>${spec.toTag === undefined ? '' : `;tag=${spec.toTag}`}`,
    `Call-ID: ${spec.callId}`,
    `CSeq: ${spec.cseq ?? 1} ${spec.method}`,
    ...(spec.extra ?? []),
    ...(body === '' ? [] : ['Content-Type: application/sdp']),
    `Content-Length: ${Buffer.byteLength(body)}`,
    '',
    body,
  ].join('\r\n');
}

export interface SipResponseSpec {
  readonly status: number;
  readonly reason?: string;
  readonly callId: string;
  readonly method?: string;
  readonly cseq?: number;
  readonly branch?: string;
  readonly toTag?: string;
  readonly body?: string;
}

export function sipResponse(spec: SipResponseSpec): string {
  const body = spec.body ?? '';
  const method = spec.method ?? 'INVITE';
  return [
    `SIP/2.0 ${spec.status} ${spec.reason ?? 'OK'}`,
    `Via: SIP/2.0/UDP 10.0.0.1:5060;branch=${spec.branch ?? `z9hG4bK-${spec.callId}-${spec.cseq ?? 1}`}`,
    'From: <sip:alice@10.0.0.1>;tag=from-1',
    `To: <sip:bob@10.0.0.2>;tag=${spec.toTag ?? 'to-1'}`,
    `Call-ID: ${spec.callId}`,
    `CSeq: ${spec.cseq ?? 1} ${method}`,
    ...(body === '' ? [] : ['Content-Type: application/sdp']),
    `Content-Length: ${Buffer.byteLength(body)}`,
    '',
    body,
  ].join('\r\n');
}

export const SDP = ['v=0', 'o=- 1 1 IN IP4 10.0.0.1', 's=-', 'c=IN IP4 10.0.0.1', 't=0 0', 'm=audio 4000 RTP/AVP 0', 'a=sendrecv', ''].join('\r\n');
