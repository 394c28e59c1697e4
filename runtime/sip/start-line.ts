import type { MessageText } from './message-text.js';
import { methodFromBytes } from './method-names.js';
import { parseFailure, parsedValue, type Parsed } from './parsed.js';
import { bytesStartWith, tokenEnd } from './byte-scan.js';
import { parseUri } from './uri.js';

/** The first line of a message: `INVITE sip:bob@b.example SIP/2.0` or `SIP/2.0 180 Ringing`. */
export type StartLine =
  | { readonly kind: 'request'; readonly method: string; readonly requestUri: string }
  | { readonly kind: 'response'; readonly status: number; readonly reason: string };

const METHOD = /^[A-Za-z0-9.!%*_+`'~-]+$/;
const ABSOLUTE_URI = /^[A-Za-z][A-Za-z0-9+.-]*:./;
const VERSION = 'SIP/2.0';

/**
 * Strict where RFC 3261 §7.1/§7.2 is (one SP between elements, RFC 4475
 * §3.1.2.7–3.1.2.10), since a line that breaks it is usually not SIP at all.
 */
export function parseStartLine(line: string): Parsed<StartLine> {
  if (line.length >= 4 && line.slice(0, 4).toUpperCase() === 'SIP/') return parseStatusLine(line);
  const parts = line.split(' ');
  if (parts.length !== 3) {
    return parseFailure(
      parts.some((p) => p === '')
        ? `request line \`${line}\` has extra spaces`
        : `request line \`${line}\` is not \`METHOD Request-URI SIP/2.0\``,
    );
  }
  const [method = '', requestUri = '', version = ''] = parts;
  if (!METHOD.test(method)) return parseFailure(`method \`${method}\` is not a token`);
  if (version.toUpperCase() !== VERSION) {
    return version.toUpperCase().startsWith('SIP/')
      ? parseFailure(`unsupported SIP version \`${version}\``)
      : parseFailure(`request line \`${line}\` does not end with SIP/2.0`);
  }
  if (requestUri.startsWith('<')) return parseFailure('Request-URI must not be enclosed in <>');
  if (!ABSOLUTE_URI.test(requestUri)) return parseFailure(`bad Request-URI: \`${requestUri}\` is not a URI`);
  // RFC 3261 §19.1.5: URI headers are not allowed in a Request-URI (RFC 4475 §3.1.2.11).
  // Only a `?` can start them, so only then is the URI read in full.
  if (requestUri.indexOf('?') >= 0) {
    const uri = parseUri(requestUri);
    if (!uri.ok) return parseFailure(`bad Request-URI: ${uri.reason}`);
    if (uri.value.headers.size > 0) return parseFailure(`Request-URI \`${requestUri}\` carries URI headers`);
  }
  return parsedValue({ kind: 'request', method, requestUri });
}

function parseStatusLine(line: string): Parsed<StartLine> {
  const sp = line.indexOf(' ');
  const version = sp < 0 ? line : line.slice(0, sp);
  if (version.toUpperCase() !== VERSION) return parseFailure(`unsupported SIP version \`${version}\``);
  if (sp < 0) return parseFailure(`status line \`${line}\` has no status code`);
  const codeEnd = line.indexOf(' ', sp + 1);
  const code = codeEnd < 0 ? line.slice(sp + 1) : line.slice(sp + 1, codeEnd);
  if (!/^\d{3}$/.test(code)) return parseFailure(`status code \`${code}\` is not three digits`);
  const status = Number(code);
  if (status < 100 || status > 699) return parseFailure(`status code ${status} is outside 100-699`);
  return parsedValue({ kind: 'response', status, reason: codeEnd < 0 ? '' : line.slice(codeEnd + 1) });
}

/**
 * The start lines of nearly every message, read from their bytes
 * (`buf[start, end)`, line break excluded) without decoding the line:
 * `METHOD uri SIP/2.0` with a token method and an absolute URI without `?`,
 * or `SIP/2.0 nnn reason`. Undefined for anything else, which
 * `parseStartLine` reads from the line's text; it gives the same for what
 * this reads (test/runtime/sip/fast-paths.test.ts).
 */
export function startLineFromBytes(buf: Buffer, text: MessageText, start: number, end: number): StartLine | undefined {
  const length = end - start;
  if (bytesStartWith(buf, start, end, 'SIP/2.0 ')) {
    if (length < 11) return undefined;
    const status = byteDigit(buf[start + 8]) * 100 + byteDigit(buf[start + 9]) * 10 + byteDigit(buf[start + 10]);
    if (!(status >= 100 && status <= 699)) return undefined;
    if (length === 11) return { kind: 'response', status, reason: '' };
    return buf[start + 11] === 0x20 ? { kind: 'response', status, reason: text.utf8(start + 12, end) } : undefined;
  }
  if (length < 12 || !bytesStartWith(buf, end - 8, end, ' SIP/2.0')) return undefined;
  const uriEnd = end - 8;
  const methodEnd = tokenEnd(buf, start, uriEnd);
  if (methodEnd === start || buf[methodEnd] !== 0x20) return undefined;
  const uriStart = methodEnd + 1;
  // One SP between the parts, no `?` (URI headers are checked by the general path), and
  // `scheme:` followed by an ASCII character that is not a line break (ABSOLUTE_URI's `.`).
  let colon = -1;
  for (let i = uriStart; i < uriEnd; i++) {
    const c = buf[i];
    if (c === 0x20 || c === 0x3f) return undefined;
    if (c === 0x3a && colon < 0) colon = i;
  }
  if (colon < 0 || !isScheme(buf, uriStart, colon) || colon + 1 >= uriEnd) return undefined;
  const after = buf[colon + 1] ?? 0;
  if (after >= 0x80 || after === 0x0d || after === 0x0a) return undefined;
  return { kind: 'request', method: methodFromBytes(buf, text, start, methodEnd), requestUri: text.utf8(uriStart, uriEnd) };
}

/** `[A-Za-z][A-Za-z0-9+.-]*` exactly at `buf[start, end)`. */
function isScheme(buf: Buffer, start: number, end: number): boolean {
  if (start >= end) return false;
  for (let i = start; i < end; i++) {
    const c = buf[i] ?? 0;
    const alpha = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
    if (i === start ? !alpha : !(alpha || (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2e || c === 0x2d)) return false;
  }
  return true;
}

/** NaN unless the byte is a digit, so that one bad digit fails the range check. */
function byteDigit(c: number | undefined): number {
  return c !== undefined && c >= 0x30 && c <= 0x39 ? c - 0x30 : NaN;
}
