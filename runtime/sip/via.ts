import { splitHeaderList } from './header-list.js';
import { parseHeaderParams, simpleParam, simpleParamsEnd } from './header-params.js';
import { parseFailure, parsedValue, type Parsed } from './parsed.js';
import { bytesStartWith, isLwsByte, skipLwsBytes } from './byte-scan.js';

/** One Via element (RFC 3261 §20.42): `SIP/2.0/UDP host:port;branch=...`. */
export interface Via {
  /** `SIP/2.0`, with any LWS around the slashes removed. */
  readonly protocol: string;
  /** Uppercase transport: UDP, TCP, TLS, SCTP, WS, ... */
  readonly transport: string;
  readonly host: string;
  readonly port: number | undefined;
  readonly branch: string | undefined;
  readonly params: ReadonlyMap<string, string>;
}

const TOKEN = "[A-Za-z0-9.!%*_+`'~-]+";
const SENT_PROTOCOL = new RegExp(`^(${TOKEN})\\s*/\\s*(${TOKEN})\\s*/\\s*(${TOKEN})\\s+`);

/**
 * Reads every element of one Via header value. Strict on purpose: the branch
 * is how retransmissions are recognised, so a Via with empty elements or
 * parameters (RFC 4475 §3.1.2.1) makes the message unreadable.
 */
export function parseVia(value: string): Parsed<Via[]> {
  const vias: Via[] = [];
  for (const element of splitHeaderList(value)) {
    const via = parseViaElement(element);
    if (!via.ok) return via;
    vias.push(via.value);
  }
  return parsedValue(vias);
}

function parseViaElement(element: string): Parsed<Via> {
  if (element === '') return parseFailure('empty Via element');
  const m = SENT_PROTOCOL.exec(element);
  if (m === null) return parseFailure(`Via \`${element}\` does not start with protocol/version/transport and a host`);
  const rest = element.slice(m[0].length);
  const semi = rest.indexOf(';');
  const sentBy = (semi < 0 ? rest : rest.slice(0, semi)).trim();
  const hostPort = splitHostPort(sentBy);
  if (hostPort === undefined) return parseFailure(`bad sent-by \`${sentBy}\` in Via`);
  const params = parseHeaderParams(semi < 0 ? '' : rest.slice(semi));
  if (params.hasEmpty) return parseFailure(`empty parameter in Via \`${element}\``);
  if (params.unterminatedQuote) return parseFailure(`unterminated quoted parameter in Via \`${element}\``);
  return parsedValue({
    protocol: `${m[1] ?? ''}/${m[2] ?? ''}`.toUpperCase(),
    transport: (m[3] ?? '').toUpperCase(),
    host: hostPort.host,
    port: hostPort.port,
    branch: params.params.get('branch'),
    params: params.params,
  });
}

function splitHostPort(sentBy: string): { host: string; port: number | undefined } | undefined {
  // The usual `host:port`, without brackets or LWS, needs no regular expression.
  const colon = sentBy.indexOf(':');
  if (colon === sentBy.lastIndexOf(':') && sentBy.indexOf(' ') < 0 && sentBy.indexOf('\t') < 0 && sentBy !== '') {
    if (colon < 0) return { host: sentBy, port: undefined };
    const port = colon + 1 < sentBy.length && colon + 6 >= sentBy.length ? Number(sentBy.slice(colon + 1)) : NaN;
    return colon > 0 && Number.isInteger(port) && port >= 0 && port <= 65535 ? { host: sentBy.slice(0, colon), port } : undefined;
  }
  // LWS is allowed around the `:` of sent-by (RFC 3261 HCOLON-like LWS rules).
  const compact = sentBy.replace(/\s*:\s*/, ':');
  if (compact === '' || /\s/.test(compact)) return undefined;
  let hostEnd: number;
  if (compact.charCodeAt(0) === 0x5b) {
    hostEnd = compact.indexOf(']') + 1;
    if (hostEnd === 0) return undefined;
  } else {
    const colon = compact.indexOf(':');
    hostEnd = colon < 0 ? compact.length : colon;
  }
  const host = compact.slice(0, hostEnd);
  const portText = compact.slice(hostEnd);
  if (portText === '') return { host, port: undefined };
  if (!/^:\d{1,5}$/.test(portText)) return undefined;
  const port = Number(portText.slice(1));
  return port > 65535 ? undefined : { host, port };
}

/**
 * The branch of the topmost Via: the transaction of a request and of the
 * responses to it (RFC 3261 §17.2.3). A bare magic cookie (`z9hG4bK` with
 * nothing after it, RFC 4475 §3.2.1) identifies nothing and reads as none.
 */
export function topViaBranch(message: { readonly branch: string | undefined }): string | undefined {
  const branch = message.branch;
  return branch === undefined || branch === '' || (branch.length === 7 && branch.toLowerCase() === 'z9hg4bk') ? undefined : branch;
}

/** Where `scanViaBytes` found the first element's branch value: `start` -1 without one. */
export const scannedBranch = { start: -1, end: -1 };

/**
 * The common shape of a Via value, checked on its bytes without building
 * anything: elements `SIP/2.0/<transport> <host>[:<port>]` with token-only
 * parameters, separated by commas. Records where the first element's branch
 * is in `scannedBranch`. `parseVia` accepts every value this does, with the
 * same branch (test/runtime/sip/fast-paths.test.ts); false sends a value to it.
 */
export function scanViaBytes(buf: Uint8Array, start: number, end: number): boolean {
  let i = start;
  let first = true;
  for (;;) {
    i = skipLwsBytes(buf, i, end);
    if (!bytesStartWith(buf, i, end, 'SIP/2.0/')) return false;
    i += 8;
    const transport = i;
    while (i < end && isAlnum(buf[i] ?? 0)) i++;
    if (i === transport || buf[i] !== 0x20) return false;
    const host = ++i;
    while (i < end && isHostChar(buf[i] ?? 0)) i++;
    if (i === host) return false;
    if (buf[i] === 0x3a && i < end) {
      const port = ++i;
      let number = 0;
      while (i < end && i - port < 5) {
        const c = buf[i] ?? 0;
        if (c < 0x30 || c > 0x39) break;
        number = number * 10 + (c - 0x30);
        i++;
      }
      if (i === port || number > 65535) return false;
    }
    // The parameters, then the end of the value or LWS and the comma before the next element.
    const paramsEnd = simpleParamsEnd(buf, i, end, 'branch');
    if (paramsEnd < 0) return false;
    if (first) {
      scannedBranch.start = simpleParam.start;
      scannedBranch.end = simpleParam.end;
      first = false;
    }
    i = skipLwsBytes(buf, paramsEnd, end);
    if (i >= end) return true;
    if (buf[i] !== 0x2c) return false;
    i++;
  }
}

/** 1: letter or digit; 2: `.` or `-`. A table: one load per byte instead of up to eight comparisons. */
const HOST_BYTES = new Uint8Array(256);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789') HOST_BYTES[c.charCodeAt(0)] = 1;
HOST_BYTES[0x2e] = 2;
HOST_BYTES[0x2d] = 2;

function isAlnum(c: number): boolean {
  return HOST_BYTES[c] === 1;
}

/** Letters, digits, `.` and `-`: host names and IPv4 addresses (IPv6 references take the general path). */
function isHostChar(c: number): boolean {
  return HOST_BYTES[c] !== 0;
}
