// Imported rather than the global: optimised code then reads it as a constant instead of through a global lookup per message.
import { Buffer } from 'node:buffer';

/**
 * A message's bytes as one latin1 string (one native decode per message),
 * positioned like the bytes: `text[i - base]` is `buf[i]`. Values are
 * slices of it; when the message has bytes above 0x7f, values are decoded
 * from the bytes as UTF-8 instead (what a latin1 slice re-read as UTF-8 gives).
 */
export class MessageText {
  readonly #buf: Buffer;
  readonly text: string;
  readonly base: number;
  /** No byte above 0x7f: latin1 and UTF-8 readings agree. */
  readonly ascii: boolean;

  constructor(buf: Buffer, start: number, end: number) {
    this.#buf = buf;
    this.text = buf.toString('latin1', start, end);
    this.base = start;
    // A latin1 string's UTF-8 length equals its length only when every character is ASCII.
    this.ascii = Buffer.byteLength(this.text, 'utf8') === this.text.length;
  }

  /** `buf[start, end)` as latin1 (positions in `buf`). */
  latin1(start: number, end: number): string {
    return this.text.slice(start - this.base, end - this.base);
  }

  /** `buf[start, end)` as UTF-8 (bytes that are not UTF-8 become U+FFFD). */
  utf8(start: number, end: number): string {
    return this.ascii ? this.text.slice(start - this.base, end - this.base) : this.#buf.toString('utf8', start, end);
  }

  /** Position (in `buf`) of the next line feed at or after `from`; -1 for none. */
  lineBreak(from: number): number {
    const at = this.text.indexOf('\n', from - this.base);
    return at < 0 ? -1 : at + this.base;
  }
}
