/** Small helpers for the grammar tests: parse a snippet, read back spans and diagnostics as plain data. */
import { expect } from 'vitest';
import type { Action, Expr, FlowDecl, FlowFile, StateDecl, Transition } from '../../grammar/ast.js';
import type { Diagnostic } from '../../grammar/diagnostic.js';
import { parseFlowFile } from '../../grammar/index.js';
import type { Span } from '../../grammar/source.js';
import { printExpression } from '../../grammar/expression-print.js';

export interface Parsed {
  readonly text: string;
  readonly file: FlowFile;
  readonly diagnostics: readonly Diagnostic[];
}

export function parse(text: string): Parsed {
  const { file, diagnostics } = parseFlowFile({ path: 'test.flow', text });
  return { text, file, diagnostics };
}

/** Parses and insists on a clean parse, returning the first flow. */
export function parseFlow(text: string): { flow: FlowDecl; text: string } {
  const parsed = parse(text);
  expect(parsed.diagnostics).toEqual([]);
  const flow = parsed.file.flows[0];
  if (flow === undefined) throw new Error('no flow parsed');
  return { flow, text };
}

/** The text a span covers, checked against its offsets. */
export function slice(text: string, span: Span): string {
  return text.slice(span.start.offset, span.end.offset);
}

/** `line:column` of a span's start, the way tests state positions. */
export function at(span: Span): string {
  return `${span.start.line}:${span.start.column}`;
}

/** Diagnostics as `{code, line, column}`, the shape the tests assert. */
export function codes(text: string): { code: string; line: number; column: number }[] {
  return parse(text).diagnostics.map((d) => ({ code: d.code, line: d.span.start.line, column: d.span.start.column }));
}

/** Wraps declarations or states into a flow. */
export function inFlow(body: string): string {
  return `flow F {\n${body}\n}`;
}

/** Wraps state items into a state of a flow. */
export function inState(body: string): string {
  return inFlow(`state S {\n${body}\n}`);
}

export function onlyState(text: string): StateDecl {
  const state = parseFlow(text).flow.states[0];
  if (state === undefined) throw new Error('no state parsed');
  return state;
}

export function onlyTransition(items: string): Transition {
  const transition = onlyState(inState(items)).transitions[0];
  if (transition === undefined) throw new Error('no transition parsed');
  return transition;
}

/** The actions of `entry { ... }`. */
export function actions(body: string): readonly Action[] {
  return onlyState(inState(`entry { ${body} }`)).entry[0]?.actions ?? [];
}

export function onlyAction(body: string): Action {
  const [action] = actions(body);
  if (action === undefined) throw new Error('no action parsed');
  return action;
}

/** An expression parsed as a var's initial value. */
export function expression(source: string): { expr: Expr; text: string } {
  const { flow, text } = parseFlow(inFlow(`var v: int = ${source}`));
  const declaration = flow.declarations[0];
  if (declaration?.kind !== 'Var') throw new Error('no var parsed');
  return { expr: declaration.initial, text };
}

/** An expression written back fully parenthesized, to state precedence compactly: the grammar's canonical printer. */
export const show: (expr: Expr) => string = printExpression;
