/**
 * The grammar's entry point: source text in, AST and syntax diagnostics out.
 * Never throws on user input; after syntax errors the AST is what recovery
 * could salvage (see toAst.ts for the placeholders it may contain).
 */
import type { FlowFile } from './ast.js';
import type { Diagnostic } from './diagnostic.js';
import type { Source } from './source.js';
import { LineIndex } from './line-index.js';
import { nestingDiagnostic } from './nesting-limit.js';
import { literalDiagnostics, unterminatedCommentDiagnostics } from './literal-diagnostics.js';
import { parseTokens } from './parser.js';
import { lexingErrorDiagnostic, parseErrorDiagnostic } from './syntax-diagnostics.js';
import { AstBuilder } from './toAst.js';
import { flowLexer } from './tokens.js';

export function parseFlowFile(source: Source): { file: FlowFile; diagnostics: Diagnostic[] } {
  const lines = new LineIndex(source.text);
  const lexed = flowLexer().tokenize(source.text);
  const diagnostics = [
    ...lexed.errors.map((error) => lexingErrorDiagnostic(source.path, source.text, lines, error)),
    ...unterminatedCommentDiagnostics(source.path, lines, lexed.groups['malformed'] ?? []),
    ...literalDiagnostics(source.path, lines, lexed.tokens),
  ];
  const tooDeep = nestingDiagnostic(source.path, lines, lexed.tokens);
  let file: FlowFile;
  if (tooDeep === undefined) {
    // The builder makes the AST of what parses cleanly while the parser reads it, and the rest after.
    const builder = new AstBuilder(source, lines);
    const { root, parser } = parseTokens(lexed.tokens, builder.settle);
    diagnostics.push(...parser.errors.map((error) => parseErrorDiagnostic(source.path, lines, lexed.tokens, error)));
    file = builder.file(root);
    diagnostics.push(...builder.diagnostics);
  } else {
    // Not parsed at all: see nesting-limit.ts.
    diagnostics.push(tooDeep);
    file = { kind: 'FlowFile', path: source.path, flows: [], span: lines.span(0, source.text.length) };
  }
  // Reading order: by position; the sort is stable, so the lexer's findings come first at the same place.
  diagnostics.sort((a, b) => a.span.start.offset - b.span.start.offset);
  return { file, diagnostics };
}
