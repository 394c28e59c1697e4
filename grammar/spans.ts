/**
 * Spans from chevrotain's positions. Chevrotain ends are inclusive and
 * tokens inserted during error recovery have no position (NaN); our spans are
 * half-open and always finite, so every conversion goes through here.
 */
import type { CstNodeLocation, IToken } from 'chevrotain';
import type { Position, Span } from './source.js';

export const START: Position = { offset: 0, line: 1, column: 1 };

/** The position of `offset` in `text`, counting lines; for the rare places without a token (end of file). */
export function positionAt(text: string, offset: number): Position {
  const end = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    // \r\n counts once; a lone \r is a line break too, as the lexer's line_breaks treat it.
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { offset: end, line, column: end - lineStart + 1 };
}

/** True for tokens that exist in the text (not inserted by recovery, not EOF). */
export function isRealToken(token: IToken): boolean {
  return !token.isInsertedInRecovery && Number.isFinite(token.startOffset) && Number.isFinite(token.startLine);
}

export function tokenStart(token: IToken): Position {
  return { offset: token.startOffset, line: token.startLine ?? 1, column: token.startColumn ?? 1 };
}

/** The end just past the token; tokens never span lines except comments, which never reach here. */
export function tokenEnd(token: IToken): Position {
  return {
    offset: token.startOffset + token.image.length,
    line: token.startLine ?? 1,
    column: (token.startColumn ?? 1) + token.image.length,
  };
}

export function tokenSpan(token: IToken): Span {
  return { start: tokenStart(token), end: tokenEnd(token) };
}

export function spanFrom(start: Span, end: Span): Span {
  return { start: start.start, end: end.end };
}

export function emptySpan(at: Position): Span {
  return { start: at, end: at };
}

/** The span of a CST node, or undefined when recovery left it without real tokens. */
export function locationSpan(location: CstNodeLocation | undefined): Span | undefined {
  if (location === undefined) return undefined;
  const { startOffset, startLine, startColumn, endOffset, endLine, endColumn } = location;
  if (!finite(startOffset) || !finite(startLine) || !finite(startColumn) || !finite(endOffset) || !finite(endLine) || !finite(endColumn)) {
    return undefined;
  }
  return {
    start: { offset: startOffset, line: startLine, column: startColumn },
    end: { offset: endOffset + 1, line: endLine, column: endColumn + 1 },
  };
}

function finite(n: number | undefined): n is number {
  return n !== undefined && Number.isFinite(n);
}
