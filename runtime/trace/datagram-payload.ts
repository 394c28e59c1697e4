/**
 * Payloads that are not SIP but are expected on a SIP port and mean
 * nothing to a trace: CRLF keep-alives (RFC 5626 §3.5.1), the NUL or space
 * pings some phones send, and STUN keep-alives (RFC 5389 §6, magic cookie).
 */
export function isKeepAlive(buf: Buffer, start: number, end: number): boolean {
  if (end - start >= 20 && buf.readUInt32BE(start + 4) === 0x2112a442 && ((buf[start] ?? 0) & 0xc0) === 0) return true;
  if (end - start > 16) return false;
  for (let i = start; i < end; i++) {
    const c = buf[i];
    if (c !== 0x0d && c !== 0x0a && c !== 0x00 && c !== 0x20) return false;
  }
  return true;
}

/** The ports SIP is on by default (RFC 3261 §19.1.2); ports seen carrying SIP are added as the trace is read. */
export const DEFAULT_SIP_PORTS: readonly number[] = [5060, 5061];
