/**
 * The RFC 4733 telephone-event payload (§2.3): event code, end bit,
 * volume, duration. Only the DTMF events (codes 0-15, §3.2) are keys;
 * other named events (flash, fax tones) are read but have no key.
 */
export interface TelephoneEvent {
  readonly code: number;
  /** The key for DTMF codes: `0`-`9`, `*`, `#`, `A`-`D`; undefined for other events. */
  readonly key: string | undefined;
  /** The E bit: this packet reports the end of the event. */
  readonly end: boolean;
  /** Power level in -dBm0 (0-63). */
  readonly volume: number;
  /** Duration so far, in timestamp units of the stream's clock. */
  readonly duration: number;
}

const KEYS = '0123456789*#ABCD';
const PAYLOAD_LENGTH = 4;

export function dtmfKey(code: number): string | undefined {
  return code >= 0 && code < KEYS.length ? KEYS[code] : undefined;
}

/**
 * The event of a telephone-event payload, or undefined when it is too short.
 * Only the first 4-byte block is read: RFC 4733 lets a sender pack several
 * events into one packet, which phones and gateways do not do for keys.
 */
export function readTelephoneEvent(buf: Buffer, start: number, end: number): TelephoneEvent | undefined {
  if (end - start < PAYLOAD_LENGTH) return undefined;
  const code = buf[start] ?? 0;
  const flags = buf[start + 1] ?? 0;
  return {
    code,
    key: dtmfKey(code),
    end: (flags & 0x80) !== 0,
    volume: flags & 0x3f,
    duration: buf.readUInt16BE(start + 2),
  };
}
