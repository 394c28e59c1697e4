import { parseFailure, parsedValue, type Parsed } from './parsed.js';
import { unescapePercent } from './percent-encoding.js';

/**
 * A URI as simulate needs it. For `sip:`/`sips:` (RFC 3261 §19.1) every
 * part is read; for `tel:` (RFC 3966) the number is the user; any other
 * scheme is kept opaque (`user` undefined, `host` '').
 */
export interface Uri {
  /** Lowercase scheme: `sip`, `sips`, `tel`, ... */
  readonly scheme: string;
  /** User part with %-escapes resolved (`sips%3Auser%40example.com` → `sips:user@example.com`). */
  readonly user: string | undefined;
  readonly password: string | undefined;
  /** Host as written (IPv6 references keep their brackets). */
  readonly host: string;
  readonly port: number | undefined;
  /** URI parameters, names lowercased, values unescaped, '' for a flag (`;lr`). */
  readonly params: ReadonlyMap<string, string>;
  /** URI headers (`?Replaces=...&Require=replaces`), names as written, values unescaped. */
  readonly headers: ReadonlyMap<string, string>;
}

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;
const EMPTY: ReadonlyMap<string, string> = new Map();

export function parseUri(text: string): Parsed<Uri> {
  const m = SCHEME.exec(text);
  if (m === null) return parseFailure(`\`${text}\` is not a URI (no scheme)`);
  const scheme = (m[1] ?? '').toLowerCase();
  const rest = text.slice(m[0].length);
  if (rest === '') return parseFailure(`\`${text}\` has nothing after its scheme`);
  if (/\s/.test(rest)) return parseFailure(`URI \`${text}\` contains whitespace`);
  if (scheme === 'sip' || scheme === 'sips') return parseSipUri(scheme, rest, text);
  if (scheme === 'tel') {
    const semi = rest.indexOf(';');
    const number = semi < 0 ? rest : rest.slice(0, semi);
    return parsedValue({
      scheme,
      user: unescapePercent(number),
      password: undefined,
      host: '',
      port: undefined,
      params: semi < 0 ? EMPTY : uriParams(rest.slice(semi + 1)),
      headers: EMPTY,
    });
  }
  return parsedValue({ scheme, user: undefined, password: undefined, host: '', port: undefined, params: EMPTY, headers: EMPTY });
}

function parseSipUri(scheme: string, rest: string, text: string): Parsed<Uri> {
  // The user part may itself contain `;`, `?`, `/` and `:` (RFC 3261
  // user-unreserved, RFC 4475 §3.1.1.2), but never an unescaped `@`: the
  // first `@` ends it.
  const at = rest.indexOf('@');
  let user: string | undefined;
  let password: string | undefined;
  let hostStart = 0;
  if (at >= 0) {
    const userinfo = rest.slice(0, at);
    const colon = userinfo.indexOf(':');
    user = unescapePercent(colon < 0 ? userinfo : userinfo.slice(0, colon));
    password = colon < 0 ? undefined : unescapePercent(userinfo.slice(colon + 1));
    hostStart = at + 1;
  }
  let i = hostStart;
  if (rest.charCodeAt(i) === 0x5b) {
    const close = rest.indexOf(']', i);
    if (close < 0) return parseFailure(`unclosed IPv6 reference in \`${text}\``);
    i = close + 1;
  } else {
    while (i < rest.length) {
      const c = rest.charCodeAt(i);
      if (c === 0x3a || c === 0x3b || c === 0x3f) break;
      i++;
    }
  }
  const host = rest.slice(hostStart, i);
  if (host === '') return parseFailure(`URI \`${text}\` has no host`);
  let port: number | undefined;
  if (rest.charCodeAt(i) === 0x3a) {
    let j = i + 1;
    while (j < rest.length && rest.charCodeAt(j) >= 0x30 && rest.charCodeAt(j) <= 0x39) j++;
    if (j === i + 1 || j - i > 6) return parseFailure(`bad port in URI \`${text}\``);
    port = Number(rest.slice(i + 1, j));
    if (port > 65535) return parseFailure(`port ${port} out of range in URI \`${text}\``);
    i = j;
  }
  const question = rest.indexOf('?', i);
  const paramText = rest.slice(i, question < 0 ? rest.length : question);
  if (paramText !== '' && paramText.charCodeAt(0) !== 0x3b) {
    return parseFailure(`unexpected \`${paramText}\` after the host in URI \`${text}\``);
  }
  return parsedValue({
    scheme,
    user,
    password,
    host,
    port,
    params: paramText === '' ? EMPTY : uriParams(paramText.slice(1)),
    headers: question < 0 ? EMPTY : uriHeaders(rest.slice(question + 1)),
  });
}

function uriParams(text: string): ReadonlyMap<string, string> {
  const params = new Map<string, string>();
  for (const piece of text.split(';')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    const name = unescapePercent(eq < 0 ? piece : piece.slice(0, eq)).toLowerCase();
    if (!params.has(name)) params.set(name, eq < 0 ? '' : unescapePercent(piece.slice(eq + 1)));
  }
  return params;
}

function uriHeaders(text: string): ReadonlyMap<string, string> {
  const headers = new Map<string, string>();
  for (const piece of text.split('&')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    const name = unescapePercent(eq < 0 ? piece : piece.slice(0, eq));
    if (!headers.has(name)) headers.set(name, eq < 0 ? '' : unescapePercent(piece.slice(eq + 1)));
  }
  return headers;
}

/** The value of a URI header by case-insensitive name (`Replaces`, `replaces`). */
export function uriHeader(uri: Uri, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of uri.headers) if (key.toLowerCase() === wanted) return value;
  return undefined;
}
