import { Buffer } from 'node:buffer';
import { asBuffer } from './buffer-view.js';
import { cseqFromBytes, parseCSeq } from './cseq.js';
import { HeaderCursor, HeaderStep } from './header-lines.js';
import { MessageText } from './message-text.js';
import type { SipParseResult } from './message.js';
import { parseNameAddr, scanNameAddrBytes, scannedNameAddr } from './name-addr.js';
import { parsedValue, type Parsed } from './parsed.js';
import { ParsedRequest, ParsedResponse, type MessageSource } from './parsed-message.js';
import { parseStartLine, startLineFromBytes, type StartLine } from './start-line.js';
import { parseVia, scanViaBytes, scannedBranch } from './via.js';
/**
 * How the end of the body is found:
 * - `datagram`: Content-Length if present, else the end of the input
 *   (RFC 3261 §18.3); octets after the body are ignored (RFC 4475 §3.1.1.8).
 * - `exact`: the input is exactly one message (already framed from a
 *   stream, or cut from a text log); the body is whatever follows the headers.
 */
export type BodyFraming = 'datagram' | 'exact';

/** Parses one SIP message (a UDP datagram's payload, or a pasted message). Never throws. */
export function parseSipMessage(input: Uint8Array | string): SipParseResult {
  const buf = typeof input === 'string' ? Buffer.from(input, 'utf8') : asBuffer(input);
  return parseSipBytes(buf, 0, buf.length, 'datagram');
}

/** The parser's cursor, reset for each message (it never outlives a call, and parsing does not nest). */
const PARSE_CURSOR = new HeaderCursor(Buffer.alloc(0), new MessageText(Buffer.alloc(0), 0, 0), 0, 0, 0);

/** The headers every message must have once (RFC 3261 §8.1.1, §20), by what the parser does with them. */
const CALL_ID = 1;
const CSEQ = 2;
const FROM = 3;
const TO = 4;
const VIA = 5;
const CONTENT_LENGTH = 6;
/** Not checked, but found on the way: bodies are looked up by type for every message that has one. */
const CONTENT_TYPE = 7;

/**
 * Parses the message in `buf[start, end)` without copying it. Everything a
 * message must get right is checked here, so a message that parses stays
 * readable whatever is asked of it later; but only the start line, Call-ID,
 * CSeq and top Via branch become values now. From, To, Via elements, other
 * headers and the body are read when first asked (parsed-message.ts).
 *
 * One pass over the bytes of the header lines, decoding no header it does
 * not check. The common shapes of the start line, CSeq, From, To and Via are
 * recognised on the bytes; anything else is decoded and handed to the
 * general readers (parseStartLine, parseCSeq, parseNameAddr, parseVia),
 * whose results and reasons are the reference for both paths.
 */
export function parseSipBytes(buf: Buffer, start: number, end: number, framing: BodyFraming): SipParseResult {
  let msgStart = start;
  // RFC 3261 §7.5: CRLFs before the start line are ignored (keep-alives, stream padding).
  while (msgStart < end && (buf[msgStart] === 0x0d || buf[msgStart] === 0x0a)) msgStart++;
  if (msgStart >= end) return { ok: false, reason: 'empty message', offset: start };

  const text = new MessageText(buf, msgStart, end);
  let nl = text.lineBreak(msgStart);
  if (nl < 0) nl = end;
  const lineEnd = nl > msgStart && buf[nl - 1] === 0x0d ? nl - 1 : nl;
  const startLine = readStartLine(buf, text, msgStart, lineEnd);
  if (!startLine.ok) return { ok: false, reason: startLine.reason, offset: msgStart };

  const headersFrom = nl < end ? nl + 1 : end;
  let callId: string | undefined;
  let cseqAt = -1;
  let fromAt = -1;
  let toAt = -1;
  let lengthAt = -1;
  let sawVia = false;
  let branch: string | undefined;
  // Essential values that continuation lines folded, or that are read as text.
  let cseqText: string | undefined;
  let fromText: string | undefined;
  let toText: string | undefined;
  let lengthText: string | undefined;
  let cseqEnd = 0;
  let fromEnd = 0;
  let toEnd = 0;
  let lengthEnd = 0;
  /** The first Content-Type value: -1 when there is none, -2 when it was folded (then `SipHeaders` looks). */
  let typeAt = -1;
  let typeEnd = 0;
  /** The first reason the essential headers are unusable, reported only if every line is well formed. */
  let problem: string | undefined;
  // The cursor also finds the empty line that ends the headers. A message
  // without one (RFC 4475 §3.1.2.15's file) is headers to the end.
  const cursor = PARSE_CURSOR;
  cursor.reset(buf, text, headersFrom, -1, end);
  for (;;) {
    const step = cursor.next();
    if (step === HeaderStep.End) break;
    if (step === HeaderStep.Error) return { ok: false, reason: cursor.error, offset: cursor.errorOffset };
    const which = essential(cursor, buf);
    if (which === 0 || problem !== undefined) continue;
    if (which === CONTENT_TYPE) {
      if (typeAt === -1) {
        typeAt = cursor.folded === undefined ? cursor.valueStart : -2;
        typeEnd = cursor.valueEnd;
      }
      continue;
    }
    const folded = cursor.folded === undefined ? undefined : cursor.value();
    switch (which) {
      case CALL_ID:
        if (callId !== undefined) problem = 'more than one Call-ID header';
        callId = folded ?? cursor.value();
        break;
      case CSEQ:
        if (cseqAt >= 0) problem = 'more than one CSeq header';
        cseqAt = cursor.valueStart;
        cseqEnd = cursor.valueEnd;
        cseqText = folded;
        break;
      case FROM:
        if (fromAt >= 0) problem = 'more than one From header';
        fromAt = cursor.valueStart;
        fromEnd = cursor.valueEnd;
        fromText = folded;
        break;
      case TO:
        if (toAt >= 0) problem = 'more than one To header';
        toAt = cursor.valueStart;
        toEnd = cursor.valueEnd;
        toText = folded;
        break;
      case CONTENT_LENGTH:
        if (lengthAt >= 0) problem = 'more than one Content-Length header';
        lengthAt = cursor.valueStart;
        lengthEnd = cursor.valueEnd;
        lengthText = folded;
        break;
      case VIA: {
        if (folded === undefined && scanViaBytes(buf, cursor.valueStart, cursor.valueEnd)) {
          if (!sawVia && scannedBranch.start >= 0) branch = text.latin1(scannedBranch.start, scannedBranch.end);
        } else {
          const parsed = parseVia(folded ?? cursor.value());
          if (!parsed.ok) problem = parsed.reason;
          else if (!sawVia) branch = parsed.value[0]?.branch;
        }
        sawVia = true;
        break;
      }
    }
  }
  if (problem !== undefined) return { ok: false, reason: problem, offset: msgStart };
  if (callId === undefined || cseqAt < 0 || fromAt < 0 || toAt < 0 || !sawVia) {
    const missing = [
      callId === undefined ? 'Call-ID' : '',
      cseqAt < 0 ? 'CSeq' : '',
      fromAt < 0 ? 'From' : '',
      toAt < 0 ? 'To' : '',
      sawVia ? '' : 'Via',
    ].filter((n) => n !== '');
    return { ok: false, reason: `missing required header${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`, offset: msgStart };
  }
  if (callId === '') return { ok: false, reason: 'empty Call-ID', offset: msgStart };
  let cseq = cseqText === undefined ? cseqFromBytes(buf, text, cseqAt, cseqEnd) : undefined;
  if (cseq === undefined) {
    const parsed = parseCSeq(cseqText ?? text.utf8(cseqAt, cseqEnd));
    if (!parsed.ok) return { ok: false, reason: parsed.reason, offset: msgStart };
    cseq = parsed.value;
  }
  // From and To are checked here and read when asked: keep the text of those the bytes alone cannot
  // vouch for, and where the tag is in those they can (-2: not scanned).
  let fromTagAt = -2;
  let fromTagEnd = 0;
  if (fromText === undefined && scanNameAddrBytes(buf, fromAt, fromEnd)) {
    fromTagAt = scannedNameAddr.tagStart;
    fromTagEnd = scannedNameAddr.tagEnd;
  } else {
    fromText ??= text.utf8(fromAt, fromEnd);
    const parsed = parseNameAddr(fromText);
    if (!parsed.ok) return { ok: false, reason: `From: ${parsed.reason}`, offset: msgStart };
  }
  let toTagAt = -2;
  let toTagEnd = 0;
  if (toText === undefined && scanNameAddrBytes(buf, toAt, toEnd)) {
    toTagAt = scannedNameAddr.tagStart;
    toTagEnd = scannedNameAddr.tagEnd;
  } else {
    toText ??= text.utf8(toAt, toEnd);
    const parsed = parseNameAddr(toText);
    if (!parsed.ok) return { ok: false, reason: `To: ${parsed.reason}`, offset: msgStart };
  }
  let contentLength = -1;
  if (lengthAt >= 0) {
    contentLength = lengthText === undefined ? byteCount(buf, lengthAt, lengthEnd) : -1;
    if (contentLength < 0) {
      const written = lengthText ?? text.utf8(lengthAt, lengthEnd);
      if (!/^\d{1,10}$/.test(written)) return { ok: false, reason: `Content-Length \`${written}\` is not a number of bytes`, offset: msgStart };
      contentLength = Number(written);
    }
  }
  const sl = startLine.value;
  if (sl.kind === 'request' && cseq.method !== sl.method) {
    return { ok: false, reason: `CSeq method \`${cseq.method}\` does not match the request method \`${sl.method}\``, offset: msgStart };
  }

  const bodyStart = cursor.bodyStart;
  let bodyEnd = end;
  if (framing === 'datagram' && contentLength >= 0) {
    const available = end - bodyStart;
    if (contentLength > available) {
      return { ok: false, reason: `Content-Length ${contentLength} exceeds the ${available} bytes after the headers`, offset: msgStart };
    }
    bodyEnd = bodyStart + contentLength;
  }

  const source: MessageSource = {
    buf,
    text,
    start: msgStart,
    headersFrom,
    headersEnd: cursor.headersEnd,
    bodyStart,
    end: bodyEnd,
    typeAt,
    typeEnd,
    fromAt,
    fromEnd,
    fromText,
    toAt,
    toEnd,
    toText,
    fromTagAt,
    fromTagEnd,
    toTagAt,
    toTagEnd,
  };
  return {
    ok: true,
    message:
      sl.kind === 'request'
        ? new ParsedRequest(sl.method, sl.requestUri, callId, cseq, branch, source)
        : new ParsedResponse(sl.status, sl.reason, callId, cseq, branch, source),
  };
}

/** The start line in `buf[start, end)`: from its bytes when it has a common shape, else from its text. */
function readStartLine(buf: Buffer, text: MessageText, start: number, end: number): Parsed<StartLine> {
  const simple = startLineFromBytes(buf, text, start, end);
  return simple === undefined ? parseStartLine(text.utf8(start, end)) : parsedValue(simple);
}

/** Which essential header the cursor is on (0 for any other): by length and first letter, then in full. */
function essential(cursor: HeaderCursor, buf: Buffer): number {
  const start = cursor.nameStart;
  const first = (buf[start] ?? 0) | 0x20;
  switch (cursor.nameEnd - start) {
    case 1:
      return first === 0x69 ? CALL_ID : first === 0x66 ? FROM : first === 0x74 ? TO : first === 0x76 ? VIA : first === 0x6c ? CONTENT_LENGTH : first === 0x63 ? CONTENT_TYPE : 0;
    case 2:
      return first === 0x74 && ((buf[start + 1] ?? 0) | 0x20) === 0x6f ? TO : 0;
    case 3:
      return first === 0x76 && ((buf[start + 1] ?? 0) | 0x20) === 0x69 && ((buf[start + 2] ?? 0) | 0x20) === 0x61 ? VIA : 0;
    case 4: {
      if (first !== 0x63 && first !== 0x66) return 0;
      const word = lowerWord(buf, start);
      return word === W_CSEQ ? CSEQ : word === W_FROM ? FROM : 0;
    }
    case 7:
      return first === 0x63 && lowerWord(buf, start) === W_CALL && lowerWord(buf, start + 3) === W_L_ID ? CALL_ID : 0;
    case 12:
      return first === 0x63 && isContent(buf, start) && lowerWord(buf, start + 8) === W_TYPE ? CONTENT_TYPE : 0;
    case 14:
      return first === 0x63 && isContent(buf, start) && lowerWord(buf, start + 8) === W_LENG && lowerWord(buf, start + 10) === W_NGTH ? CONTENT_LENGTH : 0;
    default:
      return 0;
  }
}

/**
 * Header names are compared four bytes at a time, each byte with bit 5
 * set: for token bytes that lowercases letters and leaves `-` alone, and
 * no other token byte becomes a lowercase letter or `-`, so it is exact
 * (names are tokens: the cursor checked them). A byte loop per name cost
 * a tenth of the parse.
 */
const wordOf = (four: string): number =>
  ((four.charCodeAt(0) << 24) | (four.charCodeAt(1) << 16) | (four.charCodeAt(2) << 8) | four.charCodeAt(3)) | 0;
const W_CSEQ = wordOf('cseq');
const W_FROM = wordOf('from');
const W_CALL = wordOf('call');
const W_L_ID = wordOf('l-id');
const W_CONT = wordOf('cont');
const W_ENT_ = wordOf('ent-');
const W_TYPE = wordOf('type');
const W_LENG = wordOf('leng');
const W_NGTH = wordOf('ngth');

/** `content-` at `buf[start...]`. */
function isContent(buf: Buffer, start: number): boolean {
  return lowerWord(buf, start) === W_CONT && lowerWord(buf, start + 4) === W_ENT_;
}

/**
 * The view `lowerWord` reads through: remade only when the parser moves to
 * another buffer (once per capture, not per message; comparing the Buffer
 * itself, as its `buffer` and `byteOffset` are getters). Like
 * `PARSE_CURSOR`, it keeps the last input parsed reachable until the next parse.
 */
let wordView: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(4));
let wordViewOf: Buffer | undefined;

/** The four bytes at `buf[at...]` (within `buf`), big-endian, each with bit 5 set. */
function lowerWord(buf: Buffer, at: number): number {
  if (buf !== wordViewOf) {
    wordView = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    wordViewOf = buf;
  }
  return wordView.getInt32(at) | 0x20202020;
}

/** 1-10 ASCII digits in `buf[start, end)` as a number; -1 for anything else. */
function byteCount(buf: Uint8Array, start: number, end: number): number {
  if (end <= start || end - start > 10) return -1;
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = buf[i] ?? 0;
    if (c < 0x30 || c > 0x39) return -1;
    n = n * 10 + (c - 0x30);
  }
  return n;
}
