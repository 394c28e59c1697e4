import { parseFailure, parsedValue, type Parsed } from './parsed.js';
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
