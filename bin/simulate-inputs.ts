/**
 * The flow's inputs from the command line: `--inputs file.json` (an object),
 * then each `--input name=value` over it. Values are read by the input's
 * declared type, so `--input timeout=30s` and `"timeout": 30000` agree.
 */
import type { InputInfo } from '../runtime/machine.js';
import type { Value, ValueType } from '../runtime/values.js';
import { inputValue, TYPE_EXAMPLES } from '../runtime/live/input-values.js';

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

const EXAMPLES = TYPE_EXAMPLES;

/** `raw` (text from `--input`, or a JSON value) as a value of `type`: the same reading `flowc run` gives its inputs. */
export const typedValue: (raw: unknown, type: ValueType) => Value | undefined = inputValue;
