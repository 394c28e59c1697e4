import { asBuffer } from './buffer-view.js';
import { parseHeaderParams } from './header-params.js';
import type { SipMessage } from './message.js';

/** `application/sdp; charset=x` → `application/sdp`. */
export function mediaType(contentType: string): string {
  const semi = contentType.indexOf(';');
  return (semi < 0 ? contentType : contentType.slice(0, semi)).trim().toLowerCase();
}

/**
 * The message's body if its Content-Type is `type`, or the first part of
 * that type inside a multipart body (RFC 2046 §5.1, RFC 5621); undefined
 * when there is none. No copy: the result is a view into the message.
 */
export function bodyOfType(message: SipMessage, type: string): Uint8Array | undefined {
  const contentType = message.headers.get('Content-Type');
  if (contentType === undefined || message.body.length === 0) return undefined;
  // The usual spelling needs no reading (mediaType slices, trims and lowercases).
  const media = contentType === type ? type : mediaType(contentType);
  if (media === type) return message.body;
  if (!media.startsWith('multipart/')) return undefined;
  const semi = contentType.indexOf(';');
  const boundary = semi < 0 ? undefined : parseHeaderParams(contentType.slice(semi)).params.get('boundary');
  return boundary === undefined || boundary === '' ? undefined : findPart(asBuffer(message.body), boundary, type);
}

function findPart(body: Buffer, boundary: string, type: string): Uint8Array | undefined {
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    let partStart = at + delimiter.length;
    // `--boundary--` closes the body.
    if (body[partStart] === 0x2d && body[partStart + 1] === 0x2d) return undefined;
    const lineEnd = body.indexOf(0x0a, partStart);
    if (lineEnd < 0) return undefined;
    partStart = lineEnd + 1;
    const next = body.indexOf(delimiter, partStart);
    // The CRLF before a delimiter belongs to the delimiter (RFC 2046 §5.1.1).
    let partEnd = next < 0 ? body.length : next;
    if (partEnd > partStart && body[partEnd - 1] === 0x0a) partEnd--;
    if (partEnd > partStart && body[partEnd - 1] === 0x0d) partEnd--;
    const part = body.subarray(partStart, partEnd);
    const split = partHeaders(part);
    if (split !== undefined && split.type === type) return part.subarray(split.contentStart);
    at = next;
  }
  return undefined;
}

function partHeaders(part: Buffer): { type: string; contentStart: number } | undefined {
  let contentStart: number;
  let headerText: string;
  if (part[0] === 0x0a || (part[0] === 0x0d && part[1] === 0x0a)) {
    // No part headers: RFC 2046 defaults to text/plain.
    return { type: 'text/plain', contentStart: part[0] === 0x0a ? 1 : 2 };
  }
  const crlf = part.indexOf('\r\n\r\n');
  const lf = part.indexOf('\n\n');
  if (crlf >= 0 && (lf < 0 || crlf < lf)) {
    contentStart = crlf + 4;
    headerText = part.toString('latin1', 0, crlf);
  } else if (lf >= 0) {
    contentStart = lf + 2;
    headerText = part.toString('latin1', 0, lf);
  } else return undefined;
  const m = /(?:^|\n)(?:content-type|c)[ \t]*:[ \t]*([^\r\n]*)/i.exec(headerText);
  return { type: m === null ? 'text/plain' : mediaType(m[1] ?? ''), contentStart };
}
