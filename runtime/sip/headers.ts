import { splitHeaderList } from './header-list.js';
import { HeaderCursor, HeaderStep } from './header-lines.js';
import type { MessageText } from './message-text.js';
import { compactFormOf, fieldKey, headerKey } from './header-names.js';

/** One header line as received: its name as written and its unfolded, trimmed value. */
export interface HeaderField {
  readonly name: string;
  readonly value: string;
}

/** A header line with its lookup key (see `headerKey`), as the parser builds it. */
export interface HeaderLine extends HeaderField {
  readonly key: string;
}

const UNREAD: readonly HeaderLine[] = [];

/**
 * The header section of a message. Lookups are case-insensitive and accept
 * compact forms (`get('i')` is `get('Call-ID')`). A message has a dozen or
 * so headers, so a linear scan beats building a map per message.
 *
 * A parsed message's headers stay bytes until asked for: `get` and `has`
 * scan the header lines for the one name (`getAll` and `list` too), and
 * the line objects are built only when every line is wanted (iteration,
 * `size`).
 * Most messages of a replay are never asked for any header beyond those
 * the parser reads itself.
 */
export class SipHeaders implements Iterable<HeaderField> {
  #fields: readonly HeaderLine[] | undefined;
  /** While unread: the message's bytes and where its header lines are (see `HeaderCursor`). */
  #buf: Buffer | undefined;
  #text: MessageText | undefined;
  #from = 0;
  #end = 0;
  /** The first Content-Type value as the parser noted it (see `ofBytes`). */
  #typeAt = -2;
  #typeEnd = 0;

  constructor(lines: readonly HeaderLine[]) {
    this.#fields = lines;
  }

  static from(fields: readonly HeaderField[]): SipHeaders {
    return new SipHeaders(fields.map((f) => ({ name: f.name, value: f.value, key: headerKey(f.name) })));
  }

  /**
   * The header lines in `buf[from, end)`, which the parser has checked (see
   * parse-message.ts), read on demand. `typeAt`/`typeEnd` locate the first
   * Content-Type value, which the parser notes on its way (-1: none, -2: not noted).
   */
  static ofBytes(buf: Buffer, text: MessageText, from: number, end: number, typeAt = -2, typeEnd = 0): SipHeaders {
    const headers = new SipHeaders(UNREAD);
    headers.#fields = undefined;
    headers.#buf = buf;
    headers.#text = text;
    headers.#typeAt = typeAt;
    headers.#typeEnd = typeEnd;
    headers.#from = from;
    headers.#end = end;
    return headers;
  }

  /** The value of the first header line with this name. */
  get(name: string): string | undefined {
    const key = headerKey(name);
    const fields = this.#fields;
    if (fields === undefined) return this.#find(key);
    for (const f of fields) if (f.key === key) return f.value;
    return undefined;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** The values of every header line with this name, in order (one entry per line). */
  getAll(name: string): string[] {
    const key = headerKey(name);
    const values: string[] = [];
    const fields = this.#fields;
    if (fields === undefined) {
      // Still unread: scan for the one name, as `get` does, rather than build every line.
      const cursor = this.#cursor();
      const compact = compactFormOf(key);
      while (cursor !== undefined && cursor.next() === HeaderStep.Header) if (cursor.nameIs(key, compact)) values.push(cursor.value());
      return values;
    }
    for (const f of fields) if (f.key === key) values.push(f.value);
    return values;
  }

  /**
   * Every element of a list header across all its lines (`Via`, `Contact`,
   * `Supported`...), split at top-level commas. Only for headers whose
   * grammar is a comma list: `Date` or `WWW-Authenticate` contain commas too.
   */
  list(name: string): string[] {
    const elements: string[] = [];
    for (const value of this.getAll(name)) {
      for (const element of splitHeaderList(value)) if (element !== '') elements.push(element);
    }
    return elements;
  }

  /** How many header lines the message has. */
  get size(): number {
    return this.#lines().length;
  }

  *[Symbol.iterator](): Iterator<HeaderField> {
    for (const f of this.#lines()) yield { name: f.name, value: f.value };
  }

  /** One header's value, scanned for in the unread text. */
  #find(key: string): string | undefined {
    if (key === 'content-type' && this.#typeAt !== -2 && this.#text !== undefined) return this.#typeAt < 0 ? undefined : this.#text.utf8(this.#typeAt, this.#typeEnd);
    const cursor = this.#cursor();
    if (cursor === undefined) return undefined;
    const compact = compactFormOf(key);
    while (cursor.next() === HeaderStep.Header) if (cursor.nameIs(key, compact)) return cursor.value();
    return undefined;
  }

  /** A cursor over the unread header lines; undefined once they are read (or for headers built from fields). */
  #cursor(): HeaderCursor | undefined {
    if (this.#buf === undefined || this.#text === undefined) return undefined;
    return new HeaderCursor(this.#buf, this.#text, this.#from, this.#end, this.#end);
  }

  #lines(): readonly HeaderLine[] {
    if (this.#fields !== undefined) return this.#fields;
    const lines: HeaderLine[] = [];
    const cursor = this.#cursor();
    if (cursor === undefined) return (this.#fields = lines);
    while (cursor.next() === HeaderStep.Header) {
      const name = cursor.name();
      // The parser checked every name: fieldKey cannot refuse one.
      lines.push({ name, key: fieldKey(name) ?? headerKey(name), value: cursor.value() });
    }
    this.#fields = lines;
    this.#buf = undefined;
    this.#text = undefined;
    return lines;
  }
}
