import { parseHeaderParams, unquote } from './header-params.js';
import { parseFailure, parsedValue, type Parsed } from './parsed.js';

/**
 * `"Display" <uri>;params` or `uri;params` (RFC 3261 §20.10): From, To,
 * Contact, Refer-To, Referred-By. The URI is kept as written; `parseUri`
 * reads it when needed.
 */
export interface NameAddr {
  readonly displayName: string | undefined;
  readonly uri: string;
  /** The `tag` header parameter (From/To), if any. */
  readonly tag: string | undefined;
  /** Header parameters (after `>`, or after the URI in the addr-spec form). */
  readonly params: ReadonlyMap<string, string>;
}

const URI_START = /^[A-Za-z][A-Za-z0-9+.-]*:/;

export function parseNameAddr(value: string): Parsed<NameAddr> {
  let i = skipLws(value, 0);
  let displayName: string | undefined;
  let lt = -1;
  if (value.charCodeAt(i) === 0x22) {
    const close = closingQuote(value, i + 1);
    if (close < 0) return parseFailure(`unterminated quoted display name in \`${value}\``);
    displayName = unquote(value.slice(i + 1, close));
    i = skipLws(value, close + 1);
    if (value.charCodeAt(i) !== 0x3c) return parseFailure(`expected \`<\` after the display name in \`${value}\``);
    lt = i;
  } else {
    lt = value.indexOf('<', i);
    // A `<` after the first `;` is inside a parameter, not a name-addr.
    const semi = value.indexOf(';', i);
    if (lt >= 0 && semi >= 0 && semi < lt) lt = -1;
    if (lt >= 0) {
      // Unquoted display names are tokens; RFC 4475 §3.1.2.15 shows senders
      // that put other characters there, and the URI is still unambiguous.
      const name = value.slice(i, lt).trim();
      displayName = name === '' ? undefined : name;
    }
  }
  let uri: string;
  let rest: string;
  if (lt >= 0) {
    const gt = value.indexOf('>', lt + 1);
    if (gt < 0) return parseFailure(`unclosed \`<\` in \`${value}\``);
    // Trimmed: RFC 4475 §3.1.2.14 spaces inside <> are tolerated (see docs/trace-formats.md).
    uri = value.slice(lt + 1, gt).trim();
    rest = value.slice(gt + 1);
  } else {
    const semi = value.indexOf(';', i);
    uri = (semi < 0 ? value.slice(i) : value.slice(i, semi)).trim();
    rest = semi < 0 ? '' : value.slice(semi);
  }
  if (uri === '') return parseFailure(`no URI in \`${value}\``);
  if (!URI_START.test(uri)) return parseFailure(`\`${uri}\` is not a URI (no scheme)`);
  if (lt < 0 && /\s/.test(uri)) return parseFailure(`URI \`${uri}\` contains whitespace`);
  const parsed = parseHeaderParams(rest);
  if (parsed.leading !== '') return parseFailure(`unexpected \`${parsed.leading}\` after the URI in \`${value}\``);
  if (parsed.unterminatedQuote) return parseFailure(`unterminated quoted parameter in \`${value}\``);
  return parsedValue({ displayName, uri, tag: parsed.params.get('tag'), params: parsed.params });
}

function skipLws(text: string, i: number): number {
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09) break;
    i++;
  }
  return i;
}

function closingQuote(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) i++;
    else if (c === 0x22) return i;
  }
  return -1;
}
