/**
 * The flow's inputs from the command line: `--inputs file.json` (an object),
 * then each `--input name=value` over it. Values are read by the input's
 * declared type, so `--input timeout=30s` and `"timeout": 30000` agree.
 */
import type { InputInfo } from '../runtime/machine.js';
import type { Value, ValueType } from '../runtime/values.js';

export type InputsRead = { readonly ok: true; readonly values: Readonly<Record<string, Value>> } | { readonly ok: false; readonly message: string };

/** `fileText`: the `--inputs` file's content; `fileName` names it in messages. */
export function readInputs(specs: readonly string[], declared: readonly InputInfo[], file?: { readonly name: string; readonly text: string }): InputsRead {
  const byName = new Map(declared.map((i) => [i.name, i]));
  const known = declared.length === 0 ? 'the flow declares no inputs' : `the flow's inputs: ${declared.map((i) => `\`${i.name}\``).join(', ')}`;
  const values: Record<string, Value> = {};
  const set = (name: string, raw: unknown, where: string): string | undefined => {
    const input = byName.get(name);
    if (input === undefined) return `${where}: no input \`${name}\` (${known})`;
    const value = typedValue(raw, input.type);
    if (value === undefined) return `${where}: \`${name}\` is ${input.type === 'int' ? 'an' : 'a'} ${input.type}; ${JSON.stringify(raw)} is not (${EXAMPLES[input.type]})`;
    values[name] = value;
    return undefined;
  };
  if (file !== undefined) {
    let json: unknown;
    try {
      json = JSON.parse(file.text);
    } catch (error) {
      return { ok: false, message: `--inputs \`${file.name}\` is not JSON: ${error instanceof Error ? error.message : String(error)}` };
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) return { ok: false, message: `--inputs \`${file.name}\` must hold a JSON object of input names to values` };
    for (const [name, raw] of Object.entries(json)) {
      const problem = set(name, raw, `--inputs \`${file.name}\``);
      if (problem !== undefined) return { ok: false, message: problem };
    }
  }
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    if (eq <= 0) return { ok: false, message: `--input \`${spec}\`: expected name=value` };
    const problem = set(spec.slice(0, eq).trim(), spec.slice(eq + 1), `--input \`${spec}\``);
    if (problem !== undefined) return { ok: false, message: problem };
  }
  return { ok: true, values };
}

const EXAMPLES: Readonly<Record<ValueType, string>> = {
  string: 'any text',
  uri: 'e.g. sip:5020@127.0.0.20',
  int: 'e.g. 3',
  status: 'a SIP status, e.g. 486',
  bool: 'true or false',
  duration: 'e.g. 30s, 500ms, 2m, or milliseconds',
};

/** `raw` (text from `--input`, or a JSON value) as a value of `type`, or undefined when it is not one. */
export function typedValue(raw: unknown, type: ValueType): Value | undefined {
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

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Milliseconds, as the runtime holds durations. */
function duration(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) && raw >= 0 ? raw : undefined;
  if (typeof raw !== 'string') return undefined;
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/.exec(raw.trim());
  if (m === null) return undefined;
  return Math.round(Number(m[1]) * (UNIT_MS[m[2] ?? 'ms'] ?? 1));
}
