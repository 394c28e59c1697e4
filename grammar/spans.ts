/** Span arithmetic that needs no source text (positions come from line-index.ts). */
import type { IToken } from 'chevrotain';
import type { Position, Span } from './source.js';

export const START: Position = { offset: 0, line: 1, column: 1 };

/** True for tokens that exist in the text: recovery inserts tokens with no position. */
export function isRealToken(token: IToken): boolean {
  return !token.isInsertedInRecovery && Number.isFinite(token.startOffset);
}

export function spanFrom(start: Span, end: Span): Span {
  return { start: start.start, end: end.end };
}

export function emptySpan(at: Position): Span {
  return { start: at, end: at };
}
