/**
 * A cap on bracket nesting. The parser and the AST builder recurse once per
 * nested state or parenthesis; a few hundred levels would exhaust the stack,
 * and no real flow comes near the cap, so such input is reported instead of
 * parsed.
 */
import type { IToken } from 'chevrotain';
import { tokenMatcher } from './chevrotain-runtime.js';
import type { Diagnostic } from './diagnostic.js';
import type { LineIndex } from './line-index.js';
import * as t from './tokens.js';

export const MAX_NESTING = 128;

/** The first `{` or `(` that opens level MAX_NESTING + 1, as a diagnostic. */
export function nestingDiagnostic(path: string, lines: LineIndex, tokens: readonly IToken[]): Diagnostic | undefined {
  let depth = 0;
  // An indexed loop: it runs once per file over every token, often before it is optimised.
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token === undefined) continue;
    if (tokenMatcher(token, t.LCurly) || tokenMatcher(token, t.LParen)) {
      depth++;
      if (depth > MAX_NESTING) {
        return {
          code: 'FLOW1012',
          severity: 'error',
          message: `brackets nested deeper than ${MAX_NESTING} levels`,
          path,
          span: lines.tokenSpan(token),
          related: [],
          help: 'split the flow into flatter states or simpler expressions',
        };
      }
    } else if (tokenMatcher(token, t.RCurly) || tokenMatcher(token, t.RParen)) {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}
