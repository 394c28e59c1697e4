/**
 * Lexer and parser errors as diagnostics: a code from the catalog, the
 * offending characters or token as the span.
 */
import { EOF, tokenMatcher } from './chevrotain-runtime.js';
import type { ILexingError, IRecognitionException, IToken } from 'chevrotain';
import type { Diagnostic } from './diagnostic.js';
import type { Span } from './source.js';
import type { LineIndex } from './line-index.js';
import { isRealToken } from './spans.js';
import type { SyntaxCode } from './syntax-codes.js';
import { describeToken } from './syntax-messages.js';
import * as t from './tokens.js';

export function lexingErrorDiagnostic(path: string, text: string, lines: LineIndex, error: ILexingError): Diagnostic {
  const length = Math.max(1, Math.min(error.length, text.length - error.offset));
  const characters = text.slice(error.offset, error.offset + length);
  // A run of bad characters is one diagnostic over the run, not one per character.
  const span: Span = lines.span(error.offset, error.offset + length);
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

/** The index of `token` in `tokens` (ordered by offset), or -1. */
function indexOf(tokens: readonly IToken[], token: IToken): number {
  let low = 0;
  let high = tokens.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const offset = tokens[mid]?.startOffset ?? 0;
    if (offset === token.startOffset) return mid;
    if (offset < token.startOffset) low = mid + 1;
    else high = mid - 1;
  }
  return -1;
}

/** Tokens that end the search for the construct a stray name follows. */
const ITEM_BOUNDARIES = [t.On, t.After, t.Entry, t.Exit, t.State, t.LCurly, t.RCurly, t.Arrow, t.Semicolon];

/**
 * Something other than an item where a state item should start is most often
 * a transition missing its `->` (`on Consult Talking`, `on X => Y`): look back
 * for the `on`/`after` it follows and say so, instead of listing every item a
 * state may hold.
 */
function missingArrowMessage(tokens: readonly IToken[], error: IRecognitionException): string | undefined {
  const found = error.token;
  const inStateBody = error.context.ruleStack[error.context.ruleStack.length - 1] === 'stateDecl';
  if (error.name !== 'MismatchedTokenException' || !inStateBody || !isRealToken(found)) return undefined;
  if (ITEM_BOUNDARIES.some((boundary) => tokenMatcher(found, boundary))) return undefined;
  let guarded = false;
  for (let i = indexOf(tokens, found) - 1; i >= 0; i--) {
    const token = tokens[i];
    if (token === undefined) return undefined;
    if (tokenMatcher(token, t.When)) guarded = true;
    if (!ITEM_BOUNDARIES.some((boundary) => tokenMatcher(token, boundary))) continue;
    if (tokenMatcher(token, t.On)) return `expected \`->\` or \`{\` after the ${guarded ? 'guard' : 'trigger'}, found ${describeToken(found)}`;
    if (tokenMatcher(token, t.After)) return `expected \`->\` or \`{\` after the ${guarded ? 'guard' : 'delay'}, found ${describeToken(found)}`;
    return undefined;
  }
  return undefined;
}

export function parseErrorDiagnostic(path: string, lines: LineIndex, tokens: readonly IToken[], error: IRecognitionException): Diagnostic {
  const token = error.token;
  const span = token.tokenType !== EOF && isRealToken(token) ? lines.tokenSpan(token) : lines.end();
  return {
    code: CODE_BY_EXCEPTION[error.name] ?? 'FLOW1001',
    severity: 'error',
    message: missingArrowMessage(tokens, error) ?? error.message,
    path,
    span,
    related: [],
  };
}
