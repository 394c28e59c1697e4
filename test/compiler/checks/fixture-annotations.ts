/**
 * Reads the expected diagnostics written beside the code of an invalid
 * fixture. An annotation is a line comment made of carets and codes:
 *
 *     on Consult -> Talkng
 * //                ^^^^^^ FLOW2003
 *
 * The first `^` sits under the column the diagnostic starts at, on the
 * nearest line above that is not itself an annotation; several codes may
 * follow the carets. Stacked annotation lines all refer to that same line.
 */
export interface Expected {
  readonly line: number;
  readonly column: number;
  readonly code: string;
}

const ANNOTATION = /^\s*\/\/\s*(\^+)((?:\s+FLOW\d{4})+)\s*$/;

export function expectedDiagnostics(text: string): Expected[] {
  const out: Expected[] = [];
  let target = 0;
  text.split(/\r?\n/).forEach((line, i) => {
    const m = ANNOTATION.exec(line);
    if (m === null) {
      target = i + 1;
      return;
    }
    const column = line.indexOf('^') + 1;
    for (const code of (m[2] ?? '').trim().split(/\s+/)) out.push({ line: target, column, code });
  });
  return out;
}
