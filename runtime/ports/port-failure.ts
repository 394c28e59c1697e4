/**
 * A port could not carry out what it was asked (not connected, unknown
 * dialog, media server error). A SIP final response such as 486 is not a port
 * failure: it reaches the flow as a leg event (`agent.failed`).
 */
export interface PortFailure {
  readonly kind: 'portFailure';
  readonly port: 'sip' | 'media' | 'bus' | 'router';
  readonly message: string;
  /** The SIP or HTTP status behind the failure, when there is one. */
  readonly status?: number;
}

export function portFailure(port: PortFailure['port'], message: string, status?: number): PortFailure {
  return status === undefined ? { kind: 'portFailure', port, message } : { kind: 'portFailure', port, message, status };
}
