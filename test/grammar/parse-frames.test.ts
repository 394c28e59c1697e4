/**
 * The parser hands every frame with nothing recovered in it to the AST
 * builder as it closes (parse-frames.ts `Settle`), on the claim that a clean
 * frame's AST needs nothing from its callers. Here the same tokens are also
 * parsed without that, every frame built after the parse, and both ASTs and
 * the builder's diagnostics must agree, on valid flows and on damaged ones
 * (where clean and recovered frames mix).
 */
import { describe, expect, it } from 'vitest';
import { LineIndex } from '../../grammar/line-index.js';
import { parseFlowFile } from '../../grammar/parse.js';
import { parseTokens } from '../../grammar/parser.js';
import { AstBuilder } from '../../grammar/toAst.js';
import { flowLexer } from '../../grammar/tokens.js';
import { flowsUnder } from './flow-texts.js';

/** Damage at fixed places: a character dropped, a token's worth of junk or a brace added, the text cut short. */
function damaged(text: string): string[] {
  const out: string[] = [];
  for (let k = 1; k <= 3; k++) {
    const at = Math.floor((text.length * k) / 4);
    out.push(text.slice(0, at) + text.slice(at + 1));
    out.push(`${text.slice(0, at)} -> ( ${text.slice(at)}`);
    out.push(`${text.slice(0, at)}}${text.slice(at)}`);
    out.push(text.slice(0, at));
  }
  return out;
}

/** The AST and the builder's own diagnostics with every frame built after the parse. */
function builtAfter(text: string): { file: unknown; codes: string[] } {
  const source = { path: 'frames.flow', text };
  const builder = new AstBuilder(source, new LineIndex(text));
  const file = builder.file(parseTokens(flowLexer().tokenize(text).tokens).root);
  return { file, codes: builder.diagnostics.map((d) => `${d.code}@${d.span.start.offset}`).sort() };
}

const BUILDER_CODES = new Set(['FLOW1009', 'FLOW1010', 'FLOW1011']);

describe('clean frames built as they close', () => {
  const flows = [...flowsUnder('flows/'), ...flowsUnder('test/fixtures/')];

  it('reads flows of the repository and fixtures', () => {
    expect(flows.length).toBeGreaterThan(10);
  });

  it('give the AST and diagnostics that building every frame after the parse gives', () => {
    let texts = 0;
    let recovered = 0;
    for (const flow of flows) {
      for (const text of [flow, ...damaged(flow)]) {
        const parsed = parseFlowFile({ path: 'frames.flow', text });
        // Past the nesting cap nothing is parsed at all (nesting-limit.ts).
        if (parsed.diagnostics.some((d) => d.code === 'FLOW1012')) continue;
        const after = builtAfter(text);
        expect(parsed.file).toEqual(after.file);
        const codes = parsed.diagnostics.filter((d) => BUILDER_CODES.has(d.code)).map((d) => `${d.code}@${d.span.start.offset}`);
        expect(codes.sort()).toEqual(after.codes);
        texts++;
        if (parsed.diagnostics.length > 0) recovered++;
      }
    }
    // The damaged texts must exercise recovery, or the comparison says little about mixed trees.
    expect(recovered).toBeGreaterThan(texts / 2);
  });
});
