import { asBuffer } from './buffer-view.js';
import { parseCSeq, type CSeq } from './cseq.js';
import { findHeaderEnd } from './header-end.js';
import { fieldKey } from './header-names.js';
import { SipHeaders, type HeaderLine } from './headers.js';
import { isLws, trimLws } from './lws.js';
import type { SipMessage, SipParseResult } from './message.js';
import { parseNameAddr, type NameAddr } from './name-addr.js';
import { parseStartLine } from './start-line.js';
import { parseVia, type Via } from './via.js';

/**
 * How the end of the body is found:
 * - `datagram`: Content-Length if present, else the end of the input
 *   (RFC 3261 §18.3); octets after the body are ignored (RFC 4475 §3.1.1.8).
 * - `exact`: the input is exactly one message (already framed from a
 *   stream, or cut from a text log); the body is whatever follows the headers.
 */
export type BodyFraming = 'datagram' | 'exact';


const NON_ASCII = /[\x80-\xff]/;

/** Parses one SIP message (a UDP datagram's payload, or a pasted message). Never throws. */
export function parseSipMessage(input: Uint8Array | string): SipParseResult {
  const buf = typeof input === 'string' ? Buffer.from(input, 'utf8') : asBuffer(input);
  return parseSipBytes(buf, 0, buf.length, 'datagram');
}

/** Parses the message in `buf[start, end)` without copying it. */
export function parseSipBytes(buf: Buffer, start: number, end: number, framing: BodyFraming): SipParseResult {
  let msgStart = start;
  // RFC 3261 §7.5: CRLFs before the start line are ignored (keep-alives, stream padding).
  while (msgStart < end && (buf[msgStart] === 0x0d || buf[msgStart] === 0x0a)) msgStart++;
  if (msgStart >= end) return { ok: false, reason: 'empty message', offset: start };

  // A message that ends without the empty line (RFC 4475 §3.1.2.15's file
  // does) is read as headers only: the end of the input ends the headers.
  const headerEnd = findHeaderEnd(buf, msgStart, end);
  const textEnd = headerEnd?.textEnd ?? end;
  const bodyStart = headerEnd?.bodyStart ?? end;

  // latin1 maps bytes to chars 1:1, so string offsets are byte offsets; the
  // few values with UTF-8 in them are re-decoded below.
  const text = buf.toString('latin1', msgStart, textEnd);
  const recode = NON_ASCII.test(text);

  let nl = text.indexOf('\n');
  const firstLine = stripCr(nl < 0 ? text : text.slice(0, nl));
  const startLine = parseStartLine(recode ? utf8(firstLine) : firstLine);
  if (!startLine.ok) return { ok: false, reason: startLine.reason, offset: msgStart };

  const lines: HeaderLine[] = [];
  let name: string | undefined;
  let key = '';
  let value = '';
  let pos = nl < 0 ? text.length : nl + 1;
  while (pos < text.length) {
    nl = text.indexOf('\n', pos);
    let lineEnd = nl < 0 ? text.length : nl;
    const lineOffset = msgStart + pos;
    const lineStart = pos;
    pos = lineEnd + 1;
    if (lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === 0x0d) lineEnd--;
    if (lineEnd === lineStart) continue;
    if (isLws(text.charCodeAt(lineStart))) {
      // Folded line (RFC 3261 §7.3.1): the line break and leading LWS become one SP.
      if (name === undefined) return { ok: false, reason: 'continuation line before any header', offset: lineOffset };
      const more = trimLws(text.slice(lineStart, lineEnd));
      value = value === '' ? more : more === '' ? value : `${value} ${more}`;
      continue;
    }
    if (name !== undefined) lines.push(headerLine(name, key, value, recode));
    const colon = text.indexOf(':', lineStart);
    if (colon < 0 || colon >= lineEnd) {
      return { ok: false, reason: `header line without a colon: \`${text.slice(lineStart, lineEnd)}\``, offset: lineOffset };
    }
    name = trimLws(text.slice(lineStart, colon));
    const nameKey = fieldKey(name);
    if (nameKey === undefined) return { ok: false, reason: `bad header name \`${name}\``, offset: lineOffset };
    key = nameKey;
    value = trimLws(text.slice(colon + 1, lineEnd));
  }
  if (name !== undefined) lines.push(headerLine(name, key, value, recode));

  const essentials = readEssentials(lines);
  if (typeof essentials === 'string') return { ok: false, reason: essentials, offset: msgStart };
  const sl = startLine.value;
  if (sl.kind === 'request' && essentials.cseq.method !== sl.method) {
    return {
      ok: false,
      reason: `CSeq method \`${essentials.cseq.method}\` does not match the request method \`${sl.method}\``,
      offset: msgStart,
    };
  }

  let bodyEnd = end;
  if (framing === 'datagram' && essentials.contentLength !== undefined) {
    const available = end - bodyStart;
    if (essentials.contentLength > available) {
      return {
        ok: false,
        reason: `Content-Length ${essentials.contentLength} exceeds the ${available} bytes after the headers`,
        offset: msgStart,
      };
    }
    bodyEnd = bodyStart + essentials.contentLength;
  }

  const headers = new SipHeaders(lines);
  const body = buf.subarray(bodyStart, bodyEnd);
  const bytes = buf.subarray(msgStart, bodyEnd);
  const { callId, cseq, from, to, via } = essentials;
  const message: SipMessage =
    sl.kind === 'request'
      ? { kind: 'request', method: sl.method, requestUri: sl.requestUri, headers, callId, cseq, from, to, via, body, bytes }
      : { kind: 'response', status: sl.status, reason: sl.reason, headers, callId, cseq, from, to, via, body, bytes };
  return { ok: true, message };
}

interface Essentials {
  readonly callId: string;
  readonly cseq: CSeq;
  readonly from: NameAddr;
  readonly to: NameAddr;
  readonly via: Via[];
  readonly contentLength: number | undefined;
}

/**
 * The headers every message must have once (RFC 3261 §8.1.1, §20), read in
 * one pass; a string is the reason the message is unreadable.
 */
function readEssentials(lines: readonly HeaderLine[]): Essentials | string {
  let callId: string | undefined;
  let cseqText: string | undefined;
  let fromText: string | undefined;
  let toText: string | undefined;
  let lengthText: string | undefined;
  const via: Via[] = [];
  let sawVia = false;
  for (const line of lines) {
    switch (line.key) {
      case 'call-id':
        if (callId !== undefined) return 'more than one Call-ID header';
        callId = line.value;
        break;
      case 'cseq':
        if (cseqText !== undefined) return 'more than one CSeq header';
        cseqText = line.value;
        break;
      case 'from':
        if (fromText !== undefined) return 'more than one From header';
        fromText = line.value;
        break;
      case 'to':
        if (toText !== undefined) return 'more than one To header';
        toText = line.value;
        break;
      case 'content-length':
        if (lengthText !== undefined) return 'more than one Content-Length header';
        lengthText = line.value;
        break;
      case 'via': {
        sawVia = true;
        const parsed = parseVia(line.value);
        if (!parsed.ok) return parsed.reason;
        via.push(...parsed.value);
        break;
      }
    }
  }
  if (callId === undefined || cseqText === undefined || fromText === undefined || toText === undefined || !sawVia) {
    const missing = [
      callId === undefined ? 'Call-ID' : '',
      cseqText === undefined ? 'CSeq' : '',
      fromText === undefined ? 'From' : '',
      toText === undefined ? 'To' : '',
      sawVia ? '' : 'Via',
    ].filter((n) => n !== '');
    return `missing required header${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`;
  }
  if (callId === '') return 'empty Call-ID';
  const cseq = parseCSeq(cseqText);
  if (!cseq.ok) return cseq.reason;
  const from = parseNameAddr(fromText);
  if (!from.ok) return `From: ${from.reason}`;
  const to = parseNameAddr(toText);
  if (!to.ok) return `To: ${to.reason}`;
  let contentLength: number | undefined;
  if (lengthText !== undefined) {
    if (!/^\d{1,10}$/.test(lengthText)) return `Content-Length \`${lengthText}\` is not a number of bytes`;
    contentLength = Number(lengthText);
  }
  return { callId, cseq: cseq.value, from: from.value, to: to.value, via, contentLength };
}

function headerLine(name: string, key: string, value: string, recode: boolean): HeaderLine {
  // Names are tokens, so ASCII: only values can carry UTF-8.
  return { name, key, value: recode ? utf8(value) : value };
}

function stripCr(line: string): string {
  return line.charCodeAt(line.length - 1) === 0x0d ? line.slice(0, -1) : line;
}

/** Re-reads a latin1-decoded string as the UTF-8 it was sent as (only called when it has non-ASCII). */
function utf8(latin1: string): string {
  return NON_ASCII.test(latin1) ? Buffer.from(latin1, 'latin1').toString('utf8') : latin1;
}
