import { findHeaderEnd } from './header-end.js';

/** The next message in a byte stream (SIP over TCP/TLS), found by Content-Length. */
export type StreamFrame =
  /** `buf[start, end)` is one whole message. */
  | { readonly kind: 'message'; readonly start: number; readonly end: number }
  /** The message beginning at `start` is not all there yet. */
  | { readonly kind: 'need-more'; readonly start: number }
  /** The bytes at `start` cannot be framed; the caller must resynchronise. */
  | { readonly kind: 'invalid'; readonly start: number; readonly reason: string };

/** A header section longer than this is taken as garbage rather than waited for. */
export const MAX_HEADER_BYTES = 65_536;

const CONTENT_LENGTH = /(?:^|\n)(?:content-length|l)[ \t]*:[ \t]*([^\r\n]*)/i;

/**
 * Frames the message at `buf[from, end)` (RFC 3261 §18.3). CRLFs before it
 * are keep-alives (RFC 5626 §3.5.1) and skipped. A missing Content-Length
 * is read as 0, which is what the sender must have meant if what follows
 * is the next message.
 */
export function frameSipStream(buf: Buffer, from: number, end: number): StreamFrame {
  let start = from;
  while (start < end && (buf[start] === 0x0d || buf[start] === 0x0a)) start++;
  if (start >= end) return { kind: 'need-more', start };
  const headerEnd = findHeaderEnd(buf, start, end);
  if (headerEnd === undefined) {
    return end - start > MAX_HEADER_BYTES
      ? { kind: 'invalid', start, reason: `no end of headers within ${MAX_HEADER_BYTES} bytes` }
      : { kind: 'need-more', start };
  }
  const m = CONTENT_LENGTH.exec(buf.toString('latin1', start, headerEnd.textEnd));
  let length = 0;
  if (m !== null) {
    const text = (m[1] ?? '').trim();
    if (!/^\d{1,10}$/.test(text)) return { kind: 'invalid', start, reason: `Content-Length \`${text}\` is not a number of bytes` };
    length = Number(text);
  }
  const messageEnd = headerEnd.bodyStart + length;
  return messageEnd > end ? { kind: 'need-more', start } : { kind: 'message', start, end: messageEnd };
}
