/** A place in a `.flow` source: 1-based line and column, 0-based offset. */
export interface Position {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

/** A half-open range of source text [start, end). Every AST node carries one. */
export interface Span {
  readonly start: Position;
  readonly end: Position;
}

/** A named source text as the compiler receives it (files are read at the edge, in bin/). */
export interface Source {
  readonly path: string;
  readonly text: string;
}
