import type { MessageText } from './message-text.js';
import { trimLws } from './lws.js';
import { isLwsByte, skipLwsBytes, tokenEnd } from './byte-scan.js';

/** What `HeaderCursor.next` found. */
export const HeaderStep = { End: 0, Header: 1, Error: 2 } as const;
export type HeaderStep = (typeof HeaderStep)[keyof typeof HeaderStep];

/**
 * Walks the header lines of a message one header at a time: the name and
 * value are offsets, and only the values asked for become strings.
 * Continuation lines (RFC 3261 §7.3.1) are joined for the headers that have
 * them. The parser checks a message with it and `SipHeaders` reads headers
 * with it on demand, so both see the same headers.
 *
 * It reads characters from the bytes (V8 reads a Buffer byte for a few
 * instructions, a string character for several times that) and finds line
 * breaks and takes values from the message's latin1 text (`String#indexOf`
 * and `slice` cost a fraction of their Buffer counterparts).
 */
export class HeaderCursor {
  #buf: Buffer;
  #text: MessageText;
  #end: number;
  #pos: number;
  #findEnd: boolean;
  /** Where the current header's name starts and ends (trailing LWS excluded). */
  nameStart = 0;
  nameEnd = 0;
  /** The value on the header's first line, LWS trimmed. */
  valueStart = 0;
  valueEnd = 0;
  /** The unfolded value (latin1) when continuation lines followed; undefined otherwise. */
  folded: string | undefined;
  /** With `HeaderStep.Error`: why, and where the offending line starts. */
  error = '';
  errorOffset = 0;
  /**
   * Where the header section ends (the line break before the empty line)
   * and the body starts; both the end of the input when there is no empty
   * line. Found while walking when the cursor is made with `end` -1.
   */
  headersEnd: number;
  bodyStart: number;

  /**
   * Header lines of `buf[from, end)`: `from` is just past the start line,
   * `end` where the header section ends, or -1 to stop at the first empty
   * line (CRLF, or the bare LF of pasted logs) before `inputEnd`. `text`
   * holds the same bytes (positions in the cursor are positions in `buf`).
   */
  constructor(buf: Buffer, text: MessageText, from: number, end: number, inputEnd: number) {
    this.#buf = buf;
    this.#text = text;
    this.#pos = from;
    this.#findEnd = false;
    this.#end = from;
    this.headersEnd = from;
    this.bodyStart = from;
    this.reset(buf, text, from, end, inputEnd);
  }

  /**
   * Starts over on other lines (the constructor's arguments): the parser
   * keeps one cursor for every message rather than allocating one per message.
   */
  reset(buf: Buffer, text: MessageText, from: number, end: number, inputEnd: number): void {
    this.#buf = buf;
    this.#text = text;
    this.#pos = from;
    this.#findEnd = end < 0;
    this.#end = end < 0 ? inputEnd : end;
    this.headersEnd = this.#end;
    this.bodyStart = this.#end;
    this.nameStart = 0;
    this.nameEnd = 0;
    this.valueStart = 0;
    this.valueEnd = 0;
    this.folded = undefined;
    this.error = '';
    this.errorOffset = 0;
    // The start line may be followed by the empty line at once.
    if (this.#findEnd && from > 0 && buf[from - 1] === 0x0a) this.#endsHeaders(from - 1);
  }

  next(): HeaderStep {
    const buf = this.#buf;
    let lineStart = this.#pos;
    let end = this.#end;
    // Skip empty lines (only the end of an input without the empty line has them).
    for (;;) {
      if (lineStart >= end) return HeaderStep.End;
      const c = buf[lineStart];
      if (c === 0x0a) {
        this.#pos = lineStart + 1;
        if (this.#findEnd) this.#endsHeaders(lineStart);
      } else if (c === 0x0d && (lineStart + 1 >= end || buf[lineStart + 1] === 0x0a)) {
        this.#pos = lineStart + 2;
        if (this.#findEnd && lineStart + 1 < end) this.#endsHeaders(lineStart + 1);
      } else break;
      lineStart = this.#pos;
      end = this.#end;
    }
    const nameEnd = tokenEnd(buf, lineStart, end);
    let i = skipLwsBytes(buf, nameEnd, end);
    if (nameEnd === lineStart || i >= end || buf[i] !== 0x3a) return this.#refuse(lineStart);
    const valueStart = skipLwsBytes(buf, i + 1, end);
    const nl = this.#lineBreak(valueStart);
    let valueEnd = nl > valueStart && buf[nl - 1] === 0x0d ? nl - 1 : nl;
    while (valueEnd > valueStart && isLwsByte(buf[valueEnd - 1])) valueEnd--;
    this.#pos = nl + 1;
    if (this.#findEnd) this.#endsHeaders(nl);
    this.nameStart = lineStart;
    this.nameEnd = nameEnd;
    this.valueStart = valueStart;
    this.valueEnd = valueEnd;
    this.folded = undefined;
    // A following line that starts with LWS (or is empty) may continue this header.
    i = this.#pos;
    if (i < this.#end) {
      const following = buf[i];
      if (isLwsByte(following) || following === 0x0d || following === 0x0a) this.#continuations();
    }
    return HeaderStep.Header;
  }

  /** The header's value: unfolded, LWS-trimmed, read as UTF-8 (bytes that are not UTF-8 become U+FFFD). */
  value(): string {
    return this.folded === undefined ? this.#text.utf8(this.valueStart, this.valueEnd) : utf8(this.folded);
  }

  /** The header's name as written (a token: ASCII). */
  name(): string {
    return this.#text.latin1(this.nameStart, this.nameEnd);
  }

  /** Whether the name is `key` (a lowercase full name) or its compact form `compact` (lowercase, or '' for none). */
  nameIs(key: string, compact: string): boolean {
    const buf = this.#buf;
    const start = this.nameStart;
    const length = this.nameEnd - start;
    if (length === 1) return compact !== '' && lowerAscii(buf[start] ?? 0) === compact.charCodeAt(0);
    if (length !== key.length) return false;
    for (let i = 0; i < length; i++) if (lowerAscii(buf[start + i] ?? 0) !== key.charCodeAt(i)) return false;
    return true;
  }

  /** The line break ending the line that `from` is on, or the end of the header section. */
  #lineBreak(from: number): number {
    const nl = this.#text.lineBreak(from);
    return nl < 0 || nl > this.#end ? this.#end : nl;
  }

  /** Joins the continuation lines that follow the current header into `folded`, as one SP each. */
  #continuations(): void {
    const buf = this.#buf;
    let pos = this.#pos;
    let value: string | undefined;
    while (pos < this.#end) {
      const nl = this.#lineBreak(pos);
      const lineEnd = nl > pos && buf[nl - 1] === 0x0d ? nl - 1 : nl;
      if (lineEnd > pos) {
        if (!isLwsByte(buf[pos])) break;
        if (this.#findEnd) this.#endsHeaders(nl);
        value ??= this.#text.latin1(this.valueStart, this.valueEnd);
        const more = trimLws(this.#text.latin1(pos, lineEnd));
        value = value === '' ? more : more === '' ? value : `${value} ${more}`;
      }
      pos = nl + 1;
    }
    this.#pos = pos;
    this.folded = value;
  }

  /**
   * Whether the line break at `nl` is followed by an empty line (`\n` or
   * `\r\n`): the end of the header section. Past it nothing is a header.
   */
  #endsHeaders(nl: number): void {
    if (nl >= this.#end) return;
    const next = this.#buf[nl + 1];
    if (next === 0x0a && nl + 1 < this.#end) this.#stop(nl, nl + 2);
    else if (next === 0x0d && nl + 2 < this.#end && this.#buf[nl + 2] === 0x0a) this.#stop(nl, nl + 3);
  }

  #stop(headersEnd: number, bodyStart: number): void {
    this.#end = headersEnd;
    this.headersEnd = headersEnd;
    this.bodyStart = bodyStart;
  }

  /** Why the line at `lineStart` is not `name: value`: a continuation with nothing to continue, no colon, or a bad name. */
  #refuse(lineStart: number): HeaderStep {
    const buf = this.#buf;
    const nl = this.#lineBreak(lineStart);
    const lineEnd = nl > lineStart && buf[nl - 1] === 0x0d ? nl - 1 : nl;
    if (isLwsByte(buf[lineStart])) return this.#fail('continuation line before any header', lineStart);
    const line = this.#text.latin1(lineStart, lineEnd);
    const colon = line.indexOf(':');
    if (colon < 0) return this.#fail(`header line without a colon: \`${line}\``, lineStart);
    return this.#fail(`bad header name \`${trimLws(line.slice(0, colon))}\``, lineStart);
  }

  #fail(reason: string, offset: number): HeaderStep {
    this.error = reason;
    this.errorOffset = offset;
    return HeaderStep.Error;
  }
}

function lowerAscii(c: number): number {
  return c >= 0x41 && c <= 0x5a ? c | 0x20 : c;
}

/** Re-reads a latin1-decoded string as the UTF-8 it was sent as, when it has non-ASCII characters. */
export function utf8(latin1: string): string {
  for (let i = 0; i < latin1.length; i++) {
    if (latin1.charCodeAt(i) > 0x7f) return Buffer.from(latin1, 'latin1').toString('utf8');
  }
  return latin1;
}
