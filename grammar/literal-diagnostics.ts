/**
 * Diagnostics about single tokens, found by scanning the token stream before
 * parsing: malformed literals are reported even where the parser skips them.
 */
import { tokenMatcher } from './chevrotain-runtime.js';
import type { IToken } from 'chevrotain';
import type { Diagnostic } from './diagnostic.js';
import type { Span } from './source.js';
import { decodeDuration, decodeInteger, decodeString } from './literals.js';
import type { LineIndex } from './line-index.js';
import type { SyntaxCode } from './syntax-codes.js';
import * as t from './tokens.js';

function diagnostic(path: string, code: SyntaxCode, message: string, span: Span, help?: string): Diagnostic {
  return { code, severity: 'error', message, path, span, related: [], ...(help === undefined ? {} : { help }) };
}

export function literalDiagnostics(path: string, lines: LineIndex, tokens: readonly IToken[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const tokenSpan = (token: IToken): Span => lines.tokenSpan(token);
  /** Offsets within a token, as a span. */
  const subSpan = (token: IToken, from: number, to: number): Span => lines.span(token.startOffset + from, token.startOffset + to);
  // An indexed loop: it runs once per file over every token, often before it is optimised.
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token === undefined) continue;
    if (tokenMatcher(token, t.StringLiteral)) {
      const decoded = decodeString(token.image);
      if (token.tokenType === t.UnterminatedString) {
        out.push(diagnostic(path, 'FLOW1003', 'unterminated string', tokenSpan(token), 'close it with `"` on the same line'));
      }
      for (const at of decoded.badEscapes) {
        const escape = token.image.slice(at, at + 2);
        out.push(
          diagnostic(path, 'FLOW1008', `invalid escape \`${escape}\` in a string`, subSpan(token, at, at + escape.length), 'the escapes are `\\"`, `\\\\`, `\\n` and `\\t`'),
        );
      }
    } else if (token.tokenType === t.Duration || token.tokenType === t.MalformedDuration) {
      const decoded = decodeDuration(token.image);
      if (!decoded.validUnit) {
        out.push(
          diagnostic(path, 'FLOW1005', `invalid duration unit \`${decoded.unit}\``, tokenSpan(token), 'the units are `ms`, `s`, `m` and `h`, written right after the number: `500ms`, `2s`'),
        );
      } else if (!Number.isSafeInteger(decoded.ms)) {
        out.push(diagnostic(path, 'FLOW1006', `duration \`${token.image}\` is too long`, tokenSpan(token)));
      }
    } else if (token.tokenType === t.Integer && !Number.isSafeInteger(decodeInteger(token.image))) {
      out.push(diagnostic(path, 'FLOW1006', `integer \`${token.image}\` is out of range`, tokenSpan(token), `integers go up to ${Number.MAX_SAFE_INTEGER}`));
    }
  }
  return out;
}

/** `/*` with no `*\/`: the rest of the file was swallowed, so the span is the opening `/*` only. */
export function unterminatedCommentDiagnostics(path: string, lines: LineIndex, comments: readonly IToken[]): Diagnostic[] {
  return comments.map((token) =>
    diagnostic(path, 'FLOW1007', 'unterminated block comment', lines.span(token.startOffset, token.startOffset + 2), 'close it with `*/`'),
  );
}
