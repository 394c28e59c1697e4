import { splitHeaderList } from './header-list.js';
import { headerKey } from './header-names.js';

/** One header line as received: its name as written and its unfolded, trimmed value. */
export interface HeaderField {
  readonly name: string;
  readonly value: string;
}

/** A header line with its lookup key (see `headerKey`), as the parser builds it. */
export interface HeaderLine extends HeaderField {
  readonly key: string;
}

/**
 * The header section of a message. Lookups are case-insensitive and accept
 * compact forms (`get('i')` is `get('Call-ID')`). A message has a dozen or
 * so headers, so a linear scan beats building a map per message.
 */
export class SipHeaders implements Iterable<HeaderField> {
  readonly #fields: readonly HeaderLine[];

  constructor(lines: readonly HeaderLine[]) {
    this.#fields = lines;
  }

  static from(fields: readonly HeaderField[]): SipHeaders {
    return new SipHeaders(fields.map((f) => ({ name: f.name, value: f.value, key: headerKey(f.name) })));
  }

  /** The value of the first header line with this name. */
  get(name: string): string | undefined {
    const key = headerKey(name);
    for (const f of this.#fields) if (f.key === key) return f.value;
    return undefined;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** The values of every header line with this name, in order (one entry per line). */
  getAll(name: string): string[] {
    const key = headerKey(name);
    const values: string[] = [];
    for (const f of this.#fields) if (f.key === key) values.push(f.value);
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
    return this.#fields.length;
  }

  *[Symbol.iterator](): Iterator<HeaderField> {
    for (const f of this.#fields) yield { name: f.name, value: f.value };
  }
}
