/**
 * The catalog of syntax diagnostics (FLOW1xxx). Tests assert these codes, not
 * the wording of messages; a code is never reused for another meaning.
 */
export const SYNTAX_CODES = {
  FLOW1001: { title: 'unexpected token' },
  FLOW1002: { title: 'missing token' },
  FLOW1003: { title: 'unterminated string' },
  FLOW1004: { title: 'invalid character' },
  FLOW1005: { title: 'invalid duration' },
  FLOW1006: { title: 'integer out of range' },
  FLOW1007: { title: 'unterminated block comment' },
  FLOW1008: { title: 'invalid escape sequence' },
  FLOW1009: { title: 'duplicate clause' },
  FLOW1010: { title: 'expected a leg name before `replacing`' },
  FLOW1011: { title: 'chained comparison' },
  FLOW1012: { title: 'nesting too deep' },
} as const satisfies Record<string, { readonly title: string }>;

export type SyntaxCode = keyof typeof SYNTAX_CODES;
