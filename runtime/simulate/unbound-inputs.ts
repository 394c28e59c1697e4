/**
 * Inputs the user did not give. The machine still needs a value for each,
 * so a URI or string input gets a placeholder that cannot occur in SIP (it
 * starts with an invisible separator); wherever a placeholder reaches an
 * expectation (the `to` of a dial, a blind REFER's target), any value
 * matches and the value the trace showed is kept for the report. Numbers
 * and booleans get 0 and false: they cannot match "anything".
 */
import type { AnyFlowMachine } from '../machine.js';
import type { Value, ValueType } from '../values.js';
import type { UnboundInput } from './simulation-result.js';

const MARK = '\u2063unbound:';
const NAME = /\u2063unbound:([A-Za-z_][A-Za-z0-9_]*)/g;
/** A few observed values are enough to tell the user what to pass. */
const MAX_OBSERVED = 5;

export interface PreparedInput {
  readonly input: Readonly<Record<string, Value>>;
  /** Names of required inputs that were not given, in declaration order. */
  readonly unbound: readonly string[];
}

export function prepareInput(machine: AnyFlowMachine, given: Readonly<Record<string, Value>> | undefined): PreparedInput {
  const input: Record<string, Value> = { ...given };
  const unbound: string[] = [];
  for (const info of machine.inputs) {
    if (given !== undefined && Object.hasOwn(given, info.name)) continue;
    // An optional input keeps the default the flow declares.
    if (info.optional) continue;
    unbound.push(info.name);
    input[info.name] = placeholder(info.name, info.type);
  }
  return { input, unbound };
}

function placeholder(name: string, type: ValueType): Value {
  switch (type) {
    case 'uri':
    case 'string':
      return `${MARK}${name}`;
    case 'bool':
      return false;
    default:
      return 0;
  }
}

/** True when the value was computed from an input that was not given: it matches anything. */
export function isUnbound(value: string): boolean {
  return value.includes(MARK);
}

/** Collects what the trace showed where unbound inputs were compared. */
export class UnboundInputLog {
  readonly #observed = new Map<string, string[]>();

  constructor(names: readonly string[]) {
    for (const name of names) this.#observed.set(name, []);
  }

  /** `expected` holds one or more placeholders; `actual` is what the trace had there. */
  record(expected: string, actual: string): void {
    for (const m of expected.matchAll(NAME)) {
      const seen = this.#observed.get(m[1] ?? '');
      if (seen !== undefined && seen.length < MAX_OBSERVED && !seen.includes(actual)) seen.push(actual);
    }
  }

  list(): UnboundInput[] {
    return [...this.#observed].map(([name, observed]) => ({ name, observed }));
  }
}

/** The placeholder shown to people: `<customerUri>`. */
export function readableValue(value: string): string {
  return value.includes(MARK) ? value.replace(NAME, '<$1>') : value;
}
