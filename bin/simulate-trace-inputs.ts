/**
 * Per-trace inputs: a capture recorded with its own settings (a 4 s ring
 * timeout, a lab's URIs) carries them in `<capture>.inputs.json` beside it,
 * so a directory of captures replays with one command. The command line's
 * `--inputs`/`--input` override what such a file says.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { InputInfo } from '../runtime/machine.js';
import type { Value } from '../runtime/values.js';
import { readInputs } from './simulate-inputs.js';
import { stem } from './simulate-pairing.js';
import { describeFsError } from './source-files.js';

export type TraceInputs =
  | { readonly ok: true; readonly values: Readonly<Record<string, Value>>; readonly from?: string }
  | { readonly ok: false; readonly message: string };

/** `dir/call-17.pcap` -> `dir/call-17.inputs.json`. */
export function inputsFileOf(capture: string): string {
  return join(dirname(capture), `${stem(capture)}.inputs.json`);
}

/** The trace's own inputs under the command line's (`commandLine` wins), or why the file is unusable. */
export async function traceInputs(capture: string, declared: readonly InputInfo[], commandLine: Readonly<Record<string, Value>>): Promise<TraceInputs> {
  const path = inputsFileOf(capture);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, values: commandLine };
    return { ok: false, message: `cannot read \`${path}\`: ${describeFsError(error)}` };
  }
  const read = readInputs([], declared, { name: path, text });
  if (!read.ok) return { ok: false, message: read.message.replace(/^--inputs /, '') };
  return { ok: true, values: { ...read.values, ...commandLine }, from: path };
}
