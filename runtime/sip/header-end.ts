/** Where a message's header section ends within `buf[from, end)`. */
export interface HeaderEnd {
  /** Index just past the last header line's text (its line break excluded). */
  readonly textEnd: number;
  /** Index of the first body byte (just past the empty line). */
  readonly bodyStart: number;
}

/**
 * Finds the empty line that ends the header section, accepting CRLF and the
 * bare LF of pasted logs. Undefined when there is none in range.
 */
export function findHeaderEnd(buf: Buffer, from: number, end: number): HeaderEnd | undefined {
  let p = from;
  for (;;) {
    const nl = buf.indexOf(0x0a, p);
    if (nl < 0 || nl >= end) return undefined;
    const next = nl + 1;
    if (next < end && buf[next] === 0x0a) return { textEnd: nl, bodyStart: next + 1 };
    if (next + 1 < end && buf[next] === 0x0d && buf[next + 1] === 0x0a) return { textEnd: nl, bodyStart: next + 2 };
    p = next;
  }
}
