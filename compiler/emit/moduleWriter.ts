/**
 * The text writer of generated modules: one walk writes the `.ts` and the
 * `.js` together. Most lines are the same in both; a line with type
 * annotations is given twice (`typed`), and declarations that only exist as
 * types go to the TypeScript alone (`typeLine`), so the JavaScript is the
 * TypeScript with its types left out, without parsing or transpiling it.
 *
 * Lines are kept in arrays and joined once: nothing is ever scanned again,
 * and nothing the writer does depends on the text written (generated lines
 * never contain a newline: strings are printed as JSON literals).
 */

/** Which outputs a walk produces. */
export interface Outputs {
  readonly ts: boolean;
  readonly js: boolean;
}

const INDENT = '  ';

export class ModuleWriter {
  readonly #ts: string[] | undefined;
  readonly #js: string[] | undefined;
  #indent = '';

  constructor(outputs: Outputs) {
    this.#ts = outputs.ts ? [] : undefined;
    this.#js = outputs.js ? [] : undefined;
  }

  /** A line both outputs have. */
  line(text: string): void {
    const indented = this.#indent + text;
    this.#ts?.push(indented);
    this.#js?.push(indented);
  }

  /** A line only the TypeScript has: type aliases, interfaces, the type-only import. */
  typeLine(text: string): void {
    this.#ts?.push(this.#indent + text);
  }

  /** A line whose JavaScript is its TypeScript without the type annotations. */
  typed(ts: string, js: string): void {
    this.#ts?.push(this.#indent + ts);
    this.#js?.push(this.#indent + js);
  }

  /** A blank line in each output, unless that output is empty or already ends with one. */
  blank(): void {
    blankLineIfLastNot(this.#ts);
    blankLineIfLastNot(this.#js);
  }

  /** Writes `body` one level deeper. */
  indent(body: () => void): void {
    const outer = this.#indent;
    this.#indent = outer + INDENT;
    try {
      body();
    } finally {
      this.#indent = outer;
    }
  }

  /** The TypeScript, one line per entry and a final newline; empty when not asked for. */
  typeScript(): string {
    return joined(this.#ts);
  }

  /** The JavaScript, one line per entry and a final newline; empty when not asked for. */
  javaScript(): string {
    return joined(this.#js);
  }
}

function blankLineIfLastNot(lines: string[] | undefined): void {
  if (lines !== undefined && lines.length > 0 && lines[lines.length - 1] !== '') lines.push('');
}

function joined(lines: readonly string[] | undefined): string {
  return lines === undefined || lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
