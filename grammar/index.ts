/** The grammar's public surface: `parseFlowFile` and the types it returns. */
export { parseFlowFile } from './parse.js';
export { SYNTAX_CODES } from './syntax-codes.js';
export type { SyntaxCode } from './syntax-codes.js';
export type * from './ast.js';
export { LEG_EVENTS } from './ast.js';
export type { Diagnostic, RelatedSpan, Severity } from './diagnostic.js';
export type { Position, Source, Span } from './source.js';
