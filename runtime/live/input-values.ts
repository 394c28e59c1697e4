/**
 * Input values from outside (a route's JSON, an INVITE header, an API call)
 * read by the input's declared type, so `"30s"` and `30000` are the same
 * duration and `"486"` from a header is a status.
 */
import type { InputInfo } from '../machine.js';
import type { Value, ValueType } from '../values.js';

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

export const TYPE_EXAMPLES: Readonly<Record<ValueType, string>> = {
  string: 'any text',
  uri: 'e.g. "sip:5020@127.0.0.20"',
  int: 'e.g. 3',
  status: 'a SIP status, e.g. 486',
  bool: 'true or false',
  duration: 'e.g. "30s", "500ms", or milliseconds',
};

/** `raw` as a value of `type`, or undefined when it is not one. */
export function inputValue(raw: unknown, type: ValueType): Value | undefined {
  switch (type) {
    case 'string':
    case 'uri':
      return typeof raw === 'string' ? raw : typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : undefined;
    case 'int':
      return integer(raw);
    case 'status': {
      const n = integer(raw);
      return n !== undefined && n >= 100 && n <= 699 ? n : undefined;
    }
    case 'bool':
      if (typeof raw === 'boolean') return raw;
      return raw === 'true' ? true : raw === 'false' ? false : undefined;
    case 'duration':
      return duration(raw);
  }
}

function integer(raw: unknown): number | undefined {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+$/.test(raw.trim()) ? Number(raw) : undefined;
  return n !== undefined && Number.isSafeInteger(n) ? n : undefined;
}

function duration(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) && raw >= 0 ? raw : undefined;
  if (typeof raw !== 'string') return undefined;
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/.exec(raw.trim());
  if (m === null) return undefined;
  return Math.round(Number(m[1]) * (UNIT_MS[m[2] ?? 'ms'] ?? 1));
}

export type InputsRead = { readonly ok: true; readonly values: Readonly<Record<string, Value>> } | { readonly ok: false; readonly field: string; readonly message: string };

/**
 * Every value typed by the flow's declared inputs; unknown names and missing
 * required inputs are refused, naming the input.
 */
export function readInputs(raw: Readonly<Record<string, unknown>>, declared: readonly InputInfo[]): InputsRead {
  const byName = new Map(declared.map((i) => [i.name, i]));
  const values: Record<string, Value> = {};
  for (const [name, value] of Object.entries(raw)) {
    const input = byName.get(name);
    if (input === undefined) {
      const known = declared.length === 0 ? 'the flow declares no inputs' : `inputs: ${declared.map((i) => i.name).join(', ')}`;
      return { ok: false, field: name, message: `no input \`${name}\` (${known})` };
    }
    const typed = inputValue(value, input.type);
    if (typed === undefined) return { ok: false, field: name, message: `\`${name}\` is ${article(input.type)} ${input.type}; ${JSON.stringify(value)} is not (${TYPE_EXAMPLES[input.type]})` };
    values[name] = typed;
  }
  const missing = declared.filter((i) => !i.optional && values[i.name] === undefined).map((i) => i.name);
  if (missing.length > 0) return { ok: false, field: missing[0] ?? '', message: `missing input${missing.length === 1 ? '' : 's'} ${missing.map((m) => `\`${m}\``).join(', ')}` };
  return { ok: true, values };
}

export function article(type: ValueType): string {
  return type === 'int' ? 'an' : 'a';
}
