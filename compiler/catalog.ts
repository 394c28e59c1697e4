/**
 * The one catalog of diagnostic codes: FLOW1xxx syntax (owned by grammar/),
 * FLOW2xxx semantic (the checks), FLOW3xxx emit, FLOW4xxx simulate. A code is
 * never reused for another meaning; tests assert codes, never wording.
 */
import type { Severity } from '../grammar/diagnostic.js';
import { SYNTAX_CODES } from '../grammar/syntax-codes.js';

export interface CatalogEntry {
  readonly code: string;
  /** What the code is reported as unless the reporter says otherwise. */
  readonly severity: Severity;
  readonly title: string;
}

/** Semantic codes, grouped by decade: names, structure, types, telephony. */
export const SEMANTIC_CODES = {
  // names and declarations
  FLOW2001: { severity: 'error', title: 'duplicate flow name' },
  FLOW2002: { severity: 'error', title: 'duplicate state name' },
  FLOW2003: { severity: 'error', title: 'unknown transition target' },
  FLOW2004: { severity: 'error', title: 'duplicate declaration' },
  FLOW2005: { severity: 'error', title: 'duplicate field' },
  FLOW2006: { severity: 'error', title: 'unknown leg' },
  FLOW2007: { severity: 'error', title: 'unknown leg event' },
  FLOW2008: { severity: 'error', title: 'unknown application event' },
  FLOW2009: { severity: 'error', title: 'unknown emitted event' },
  FLOW2010: { severity: 'error', title: 'unknown argument' },
  FLOW2011: { severity: 'error', title: 'missing argument' },
  FLOW2012: { severity: 'error', title: 'duplicate argument' },
  FLOW2013: { severity: 'warning', title: 'send to a flow outside this file' },
  FLOW2014: { severity: 'error', title: 'unknown event in send' },
  FLOW2015: { severity: 'error', title: 'unknown state in `in(...)`' },
  FLOW2016: { severity: 'error', title: 'unknown state in `done(...)`' },
  FLOW2017: { severity: 'error', title: '`done(...)` of a state that cannot complete' },
  FLOW2018: { severity: 'error', title: 'unknown name in expression' },
  FLOW2019: { severity: 'error', title: 'unknown member in expression' },
  FLOW2020: { severity: 'error', title: '`set` of something that is not a var' },
  FLOW2021: { severity: 'error', title: 'key names no input' },
  FLOW2022: { severity: 'error', title: 'more than one key' },
  FLOW2023: { severity: 'error', title: 'send to a flow without a key' },
  // statechart structure
  FLOW2030: { severity: 'error', title: 'more than one initial state' },
  FLOW2031: { severity: 'error', title: 'final state with child states' },
  FLOW2032: { severity: 'error', title: 'final state with transitions' },
  FLOW2033: { severity: 'error', title: 'final parallel state' },
  FLOW2034: { severity: 'warning', title: 'parallel state with fewer than two regions' },
  FLOW2035: { severity: 'warning', title: 'unreachable state' },
  FLOW2036: { severity: 'error', title: 'flow without states' },
  FLOW2037: { severity: 'error', title: 'repeated state modifier' },
  // an error, not a warning: the shadowed transition can never fire, so what it says is dead
  FLOW2038: { severity: 'error', title: 'transition shadowed by an earlier one' },
  // expression and operand types
  FLOW2050: { severity: 'error', title: 'operator applied to wrong types' },
  FLOW2051: { severity: 'error', title: 'guard is not a bool' },
  FLOW2052: { severity: 'error', title: 'assigned value does not match the var type' },
  FLOW2053: { severity: 'error', title: 'initial value does not match the declared type' },
  FLOW2054: { severity: 'error', title: 'argument does not match the field type' },
  FLOW2055: { severity: 'error', title: 'dial address is not a uri or string' },
  FLOW2056: { severity: 'error', title: 'delay is not a duration' },
  FLOW2057: { severity: 'error', title: 'delay is not positive' },
  FLOW2058: { severity: 'error', title: 'not a SIP status' },
  FLOW2059: { severity: 'error', title: 'conference needs two or three legs' },
  FLOW2060: { severity: 'error', title: 'verb operand of the wrong type' },
  FLOW2061: { severity: 'error', title: 'same leg twice in one verb' },
  FLOW2062: { severity: 'error', title: 'verb needs an inbound leg' },
  // telephony: warnings, the flow is legal but a call may be mishandled
  FLOW2070: { severity: 'warning', title: 'leg hangup not handled' },
  FLOW2071: { severity: 'warning', title: 'dial failure not handled' },
  FLOW2072: { severity: 'warning', title: 'flow may end with legs up' },
  FLOW2073: { severity: 'warning', title: 'held leg never released' },
  FLOW2074: { severity: 'warning', title: 'refer outcome never awaited' },
} as const satisfies Record<string, { readonly severity: Severity; readonly title: string }>;

/** Reserved for the emitter (compiler/emit). */
export const EMIT_CODES = {
  FLOW3001: { severity: 'error', title: 'code generation failed' },
} as const satisfies Record<string, { readonly severity: Severity; readonly title: string }>;

/** `flowc compile --typecheck` (compiler/typecheck.ts): generated code the TypeScript compiler rejects. */
export const TYPECHECK_CODES = {
  FLOW3002: { severity: 'error', title: 'generated module does not type-check' },
  FLOW3003: { severity: 'error', title: 'generated module uses `any`' },
} as const satisfies Record<string, { readonly severity: Severity; readonly title: string }>;

/** Reserved for the simulator (runtime/simulate and trace readers). */
export const SIMULATE_CODES = {
  FLOW4001: { severity: 'error', title: 'trace unreadable' },
  FLOW4002: { severity: 'warning', title: 'packet skipped' },
  FLOW4003: { severity: 'error', title: 'divergence from the trace' },
} as const satisfies Record<string, { readonly severity: Severity; readonly title: string }>;

export type SemanticCode = keyof typeof SEMANTIC_CODES;

function entries(
  codes: Readonly<Record<string, { readonly severity?: Severity; readonly title: string }>>,
  fallback: Severity,
): CatalogEntry[] {
  return Object.entries(codes).map(([code, e]) => ({ code, severity: e.severity ?? fallback, title: e.title }));
}

/** Every code, in code order. Syntax codes are errors: the parser recovers but the file is broken. */
export const CATALOG: readonly CatalogEntry[] = [
  ...entries(SYNTAX_CODES, 'error'),
  ...entries(SEMANTIC_CODES, 'error'),
  ...entries(EMIT_CODES, 'error'),
  ...entries(TYPECHECK_CODES, 'error'),
  ...entries(SIMULATE_CODES, 'error'),
].sort((a, b) => a.code.localeCompare(b.code));

const byCode = new Map(CATALOG.map((e) => [e.code, e]));

export function catalogEntry(code: string): CatalogEntry | undefined {
  return byCode.get(code);
}
