import { asBuffer } from './buffer-view.js';
import { bodyOfType } from './body-part.js';
import type { SipMessage } from './message.js';
import { parseFailure, parsedValue, type Parsed } from './parsed.js';

/** The status line of a `message/sipfrag` body (RFC 3420), as a NOTIFY for a REFER carries it (RFC 3515 §2.4.5). */
export interface SipfragStatus {
  readonly status: number;
  readonly reason: string;
}

const STATUS_LINE = /^SIP\/2\.0[ \t]+(\d{3})(?:[ \t]+([^\r\n]*))?/i;

export function parseSipfragStatus(text: string): Parsed<SipfragStatus> {
  const m = STATUS_LINE.exec(text.replace(/^\s+/, ''));
  if (m === null) {
    const first = text.trim().split(/\r?\n/, 1)[0] ?? '';
    return parseFailure(`sipfrag \`${first}\` does not start with a status line`);
  }
  return parsedValue({ status: Number(m[1]), reason: (m[2] ?? '').trim() });
}

/**
 * The sipfrag status of a message whose body is (or contains) a
 * `message/sipfrag` part; undefined when there is no such body.
 */
export function sipfragOf(message: SipMessage): Parsed<SipfragStatus> | undefined {
  const body = bodyOfType(message, 'message/sipfrag');
  if (body === undefined) return undefined;
  // Only the status line matters: decode its first bytes, not the whole fragment.
  return parseSipfragStatus(asBuffer(body).toString('utf8', 0, Math.min(body.length, 512)));
}
