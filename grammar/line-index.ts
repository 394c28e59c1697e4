/**
 * Offsets to line and column. The lexer tracks offsets only (cheaper, and
 * recovery-inserted tokens have none anyway); positions are computed here, for
 * the few tokens that end up in the AST or a diagnostic, from the line starts
 * of the source.
 */
import type { CstNodeLocation, IToken } from 'chevrotain';
import type { Position, Span } from './source.js';

export class LineIndex {
  /** Offset of the first character of each line; `\r\n`, `\n` and a lone `\r` each end a line. */
  private readonly starts: number[] = [0];
  /** The line (0-based) of the last position asked: the AST builder asks in nearly text order, so it is usually that one or the next. */
  private line = 0;

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) this.starts.push(i + 1);
    }
  }

  /** The position of an offset, clamped to the text. */
  position(offset: number): Position {
    const at = Math.max(0, Math.min(Number.isFinite(offset) ? offset : this.text.length, this.text.length));
    const line = this.within(this.line, at) ? this.line : this.within(this.line + 1, at) ? this.line + 1 : this.search(at);
    this.line = line;
    return { offset: at, line: line + 1, column: at - (this.starts[line] ?? 0) + 1 };
  }

  /** Whether `at` is on `line` (0-based). */
  private within(line: number, at: number): boolean {
    const start = this.starts[line];
    if (start === undefined || start > at) return false;
    const next = this.starts[line + 1];
    return next === undefined || at < next;
  }

  /** The line (0-based) of `at`, by binary search over the line starts. */
  private search(at: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= at) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  span(start: number, end: number): Span {
    return { start: this.position(start), end: this.position(Math.max(start, end)) };
  }

  tokenSpan(token: IToken): Span {
    return this.span(token.startOffset, token.startOffset + token.image.length);
  }

  /** The empty span at the end of the text, where "found the end of the file" points. */
  end(): Span {
    const end = this.position(this.text.length);
    return { start: end, end };
  }

  /** The span of a CST node, or undefined when recovery left it without real tokens. */
  nodeSpan(location: CstNodeLocation | undefined): Span | undefined {
    const start = location?.startOffset;
    const end = location?.endOffset;
    if (start === undefined || end === undefined || !Number.isFinite(start) || !Number.isFinite(end)) return undefined;
    // Chevrotain's end offset is inclusive.
    return this.span(start, end + 1);
  }
}
