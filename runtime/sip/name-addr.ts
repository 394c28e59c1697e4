import { headerParam, parseHeaderParams, simpleParam, simpleParamsEnd, unquote } from './header-params.js';
import type { MessageText } from './message-text.js';
import { parseFailure, parsedValue, type Parsed } from './parsed.js';
import { isLwsByte, isTokenChar, skipLwsBytes } from './byte-scan.js';

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
  const parts = nameAddrParts(value);
  if (typeof parts === 'string') return parseFailure(parts);
  const parsed = parseHeaderParams(parts.rest);
  if (parsed.leading !== '') return parseFailure(`unexpected \`${parsed.leading}\` after the URI in \`${value}\``);
  if (parsed.unterminatedQuote) return parseFailure(`unterminated quoted parameter in \`${value}\``);
  return parsedValue({ displayName: parts.displayName, uri: parts.uri, tag: parsed.params.get('tag'), params: parsed.params });
}

interface NameAddrParts {
  readonly displayName: string | undefined;
  readonly uri: string;
  /** What follows the URI: the header parameters. */
  readonly rest: string;
}

/** Display name, URI and parameter text of a name-addr, or why there are none. */
function nameAddrParts(value: string): NameAddrParts | string {
  let i = skipLws(value, 0);
  let displayName: string | undefined;
  let lt = -1;
  if (value.charCodeAt(i) === 0x22) {
    const close = closingQuote(value, i + 1);
    if (close < 0) return `unterminated quoted display name in \`${value}\``;
    displayName = unquote(value.slice(i + 1, close));
    i = skipLws(value, close + 1);
    if (value.charCodeAt(i) !== 0x3c) return `expected \`<\` after the display name in \`${value}\``;
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
    if (gt < 0) return `unclosed \`<\` in \`${value}\``;
    // Trimmed: RFC 4475 §3.1.2.14 spaces inside <> are tolerated (see docs/trace-formats.md).
    uri = value.slice(lt + 1, gt).trim();
    rest = value.slice(gt + 1);
  } else {
    const semi = value.indexOf(';', i);
    uri = (semi < 0 ? value.slice(i) : value.slice(i, semi)).trim();
    rest = semi < 0 ? '' : value.slice(semi);
  }
  if (uri === '') return `no URI in \`${value}\``;
  if (!URI_START.test(uri)) return `\`${uri}\` is not a URI (no scheme)`;
  if (lt < 0 && /\s/.test(uri)) return `URI \`${uri}\` contains whitespace`;
  return { displayName, uri, rest };
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

/** Positions `scanNameAddrBytes` found: -1 for an absent display name or tag. */
const scanned = { displayStart: -1, displayEnd: -1, uriStart: 0, uriEnd: 0, tagStart: -1, tagEnd: -1, paramsStart: 0 };
/** What the last `scanNameAddrBytes` that returned true found (module state: no object per scan). */
export const scannedNameAddr: Readonly<typeof scanned> = scanned;

/**
 * The common shapes of a From or To value, read on its bytes without
 * building anything: `"Name" <uri>;params`, `Name <uri>;params`,
 * `<uri>;params` and `uri;params`, with a URI of printable ASCII, a quoted
 * display name without escapes, an unquoted one of tokens, and parameters
 * of tokens. `parseNameAddr` accepts all of them and reads the same parts
 * (test/runtime/sip/fast-paths.test.ts); false sends a value to it.
 * Positions go to `scanned`.
 */
export function scanNameAddrBytes(buf: Uint8Array, start: number, end: number): boolean {
  let i = skipLwsBytes(buf, start, end);
  scanned.displayStart = -1;
  scanned.displayEnd = -1;
  let lt: number;
  const first = buf[i];
  if (first === 0x22) {
    let close = i + 1;
    for (; close < end; close++) {
      const c = buf[close];
      if (c === 0x22) break;
      if (c === 0x5c) return false;
    }
    if (close >= end) return false;
    scanned.displayStart = i + 1;
    scanned.displayEnd = close;
    lt = skipLwsBytes(buf, close + 1, end);
    if (buf[lt] !== 0x3c || lt >= end) return false;
  } else if (first === 0x3c) {
    lt = i;
  } else {
    // An unquoted display name of tokens and LWS, or no `<` at all (an addr-spec).
    let j = i;
    let wordEnd = -1;
    for (; j < end; j++) {
      const c = buf[j] ?? 0;
      if (c === 0x3c) break;
      if (isTokenChar(c)) wordEnd = j + 1;
      else if (!isLwsByte(c)) return c === 0x3a ? scanAddrSpec(buf, i, end) : false;
    }
    if (j >= end) return false;
    lt = j;
    if (wordEnd >= 0) {
      scanned.displayStart = i;
      scanned.displayEnd = wordEnd;
    }
  }
  const uriStart = lt + 1;
  let gt = uriStart;
  for (; gt < end; gt++) {
    const c = buf[gt] ?? 0;
    if (c === 0x3e) break;
    if (c <= 0x20 || c >= 0x7f) return false;
  }
  if (gt >= end || !isSchemeStart(buf, uriStart, gt)) return false;
  scanned.uriStart = uriStart;
  scanned.uriEnd = gt;
  return scanParams(buf, gt + 1, end);
}

/** `uri;params` with nothing around it: a URI of printable ASCII without `<`, `>` or `"`. */
function scanAddrSpec(buf: Uint8Array, start: number, end: number): boolean {
  let uriEnd = start;
  for (; uriEnd < end; uriEnd++) {
    const c = buf[uriEnd] ?? 0;
    if (c === 0x3b) break;
    if (c <= 0x20 || c >= 0x7f || c === 0x3c || c === 0x3e || c === 0x22) return false;
  }
  if (!isSchemeStart(buf, start, uriEnd)) return false;
  for (let k = uriEnd; k < end; k++) if (buf[k] === 0x3c || buf[k] === 0x22) return false;
  scanned.uriStart = start;
  scanned.uriEnd = uriEnd;
  return scanParams(buf, uriEnd, end);
}

function scanParams(buf: Uint8Array, from: number, end: number): boolean {
  if (simpleParamsEnd(buf, skipLwsBytes(buf, from, end), end, 'tag') !== end) return false;
  scanned.tagStart = simpleParam.start;
  scanned.tagEnd = simpleParam.end;
  scanned.paramsStart = from;
  return true;
}

/** `scheme:` at `buf[start, end)` (URI_START). */
function isSchemeStart(buf: Uint8Array, start: number, end: number): boolean {
  if (start >= end || !isAlpha(buf[start] ?? 0)) return false;
  for (let i = start + 1; i < end; i++) {
    const c = buf[i] ?? 0;
    if (c === 0x3a) return true;
    if (!isAlpha(c) && !(c >= 0x30 && c <= 0x39) && c !== 0x2b && c !== 0x2e && c !== 0x2d) return false;
  }
  return false;
}

function isAlpha(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/**
 * A name-addr whose parameter map is built only when asked: From and To
 * tags are read for most messages, their other parameters almost never.
 */
class LazyNameAddr implements NameAddr {
  readonly displayName: string | undefined;
  readonly uri: string;
  readonly tag: string | undefined;
  readonly #rest: string;
  #params: ReadonlyMap<string, string> | undefined;

  constructor(displayName: string | undefined, uri: string, tag: string | undefined, rest: string) {
    this.displayName = displayName;
    this.uri = uri;
    this.tag = tag;
    this.#rest = rest;
  }

  get params(): ReadonlyMap<string, string> {
    return (this.#params ??= parseHeaderParams(this.#rest).params);
  }
}

/** The name-addr in `buf[start, end)`, when `scanNameAddrBytes` accepts it; undefined otherwise. */
export function nameAddrFromBytes(buf: Buffer, text: MessageText, start: number, end: number): NameAddr | undefined {
  if (!scanNameAddrBytes(buf, start, end)) return undefined;
  const { displayStart, displayEnd, uriStart, uriEnd, tagStart, tagEnd, paramsStart } = scanned;
  return new LazyNameAddr(
    displayStart < 0 ? undefined : text.utf8(displayStart, displayEnd),
    text.latin1(uriStart, uriEnd),
    tagStart < 0 ? undefined : text.latin1(tagStart, tagEnd),
    text.latin1(paramsStart, end),
  );
}

/**
 * The name-addr in `buf[start, end)`, which `scanNameAddrBytes` accepted
 * when the parser checked it and found the tag at `buf[tagStart, tagEnd)`
 * (`tagStart` -1: none). A replay reads the tag of most From and To values
 * and their other parts almost never: the tag is taken now, the rest is
 * scanned again only when first asked.
 */
export function taggedNameAddrFromBytes(buf: Buffer, text: MessageText, start: number, end: number, tagStart: number, tagEnd: number): NameAddr {
  return new TaggedNameAddr(tagStart < 0 ? undefined : text.latin1(tagStart, tagEnd), buf, text, start, end);
}

class TaggedNameAddr implements NameAddr {
  readonly tag: string | undefined;
  readonly #buf: Buffer;
  readonly #text: MessageText;
  readonly #start: number;
  readonly #end: number;
  #whole: NameAddr | undefined;

  constructor(tag: string | undefined, buf: Buffer, text: MessageText, start: number, end: number) {
    this.tag = tag;
    this.#buf = buf;
    this.#text = text;
    this.#start = start;
    this.#end = end;
    this.#whole = undefined;
  }

  get displayName(): string | undefined {
    return this.#read().displayName;
  }

  get uri(): string {
    return this.#read().uri;
  }

  get params(): ReadonlyMap<string, string> {
    return this.#read().params;
  }

  #read(): NameAddr {
    const whole = (this.#whole ??= nameAddrFromBytes(this.#buf, this.#text, this.#start, this.#end));
    // The parser scanned these bytes and accepted them: this cannot happen.
    if (whole === undefined) throw new Error(`runtime/sip: a scanned name-addr no longer scans: ${this.#text.latin1(this.#start, this.#end)}`);
    return whole;
  }
}

/**
 * The name-addr of a value `parseNameAddr` accepts, with its parameters
 * read on demand (the parser checked the value; undefined if it was not).
 */
export function acceptedNameAddr(value: string): NameAddr | undefined {
  const parts = nameAddrParts(value);
  return typeof parts === 'string' ? undefined : new LazyNameAddr(parts.displayName, parts.uri, headerParam(parts.rest, 'tag'), parts.rest);
}
