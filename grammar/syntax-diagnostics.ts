/**
 * Lexer and parser errors as diagnostics: a code from the catalog, the
 * offending characters or token as the span.
 */
import { EOF } from 'chevrotain';
import type { ILexingError, IRecognitionException } from 'chevrotain';
import type { Diagnostic } from './diagnostic.js';
import type { Span } from './source.js';
import { emptySpan, isRealToken, positionAt, tokenSpan } from './spans.js';
import type { SyntaxCode } from './syntax-codes.js';

export function lexingErrorDiagnostic(path: string, text: string, error: ILexingError): Diagnostic {
  const start = positionAt(text, error.offset);
  const length = Math.max(1, Math.min(error.length, text.length - error.offset));
  const characters = text.slice(error.offset, error.offset + length);
  // A run of bad characters is one diagnostic over the run, not one per character.
  const span: Span = { start, end: { offset: start.offset + length, line: start.line, column: start.column + length } };
  const shown = [...characters].map((c) => (/[\x20-\x7e]/.test(c) && c !== '`' ? c : `\\u{${(c.codePointAt(0) ?? 0).toString(16)}}`)).join('');
  return {
    code: 'FLOW1004',
    severity: 'error',
    message: length === 1 ? `invalid character \`${shown}\`` : `invalid characters \`${shown}\``,
    path,
    span,
    related: [],
  };
}

const CODE_BY_EXCEPTION: Readonly<Record<string, SyntaxCode>> = {
  MismatchedTokenException: 'FLOW1002',
  EarlyExitException: 'FLOW1002',
  NoViableAltException: 'FLOW1001',
  NotAllInputParsedException: 'FLOW1001',
};

export function parseErrorDiagnostic(path: string, text: string, error: IRecognitionException): Diagnostic {
  const token = error.token;
  const span = token.tokenType !== EOF && isRealToken(token) ? tokenSpan(token) : emptySpan(positionAt(text, text.length));
  return {
    code: CODE_BY_EXCEPTION[error.name] ?? 'FLOW1001',
    severity: 'error',
    message: error.message,
    path,
    span,
    related: [],
  };
}
