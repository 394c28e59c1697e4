/**
 * The flow `flowc simulate` replays: read the `.flow` file, compile it in
 * process (no files written), and pick the flow (`--flow`, or the only one).
 * Compile errors are printed as `flowc check` prints them.
 */
import { readFile } from 'node:fs/promises';
import { compile, loadMachines } from '../compiler/index.js';
import type { AnyFlowMachine } from '../runtime/machine.js';
import { failed, printDiagnostics } from './diagnostics-output.js';
import { EXIT_FAILED, EXIT_USAGE } from './exit-codes.js';
import { describeFsError } from './source-files.js';

export interface LoadedFlow {
  readonly machine: AnyFlowMachine;
  /** The `.flow` file's text, for quoting lines. */
  readonly text: string;
  /** Warnings the flow compiled with (shown by `flowc check`). */
  readonly warnings: number;
}

export type FlowLoad = { readonly ok: true; readonly flow: LoadedFlow } | { readonly ok: false; readonly exit: number };

export async function loadFlow(path: string, name: string | undefined, color: boolean): Promise<FlowLoad> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    process.stderr.write(`error: cannot read \`${path}\`: ${describeFsError(error)}\n`);
    return { ok: false, exit: EXIT_USAGE };
  }
  const sources = [{ path, text }];
  const compiled = await compile(sources, { kinds: ['js'] });
  if (failed(compiled.diagnostics, false)) {
    printDiagnostics({ diagnostics: compiled.diagnostics, sources, format: 'text', color });
    return { ok: false, exit: EXIT_FAILED };
  }
  const flows = [...new Set(compiled.files.map((f) => f.flow))];
  const chosen = chooseFlow(path, flows, name);
  if (typeof chosen !== 'string') {
    process.stderr.write(`error: ${chosen.message}\n`);
    return { ok: false, exit: EXIT_USAGE };
  }
  const [machine] = await loadMachines(compiled.files.filter((f) => f.flow === chosen));
  if (machine === undefined) {
    // compile() produced the module, so failing to load it is a compiler bug, not the user's input.
    process.stderr.write(`error: the generated module of \`${chosen}\` exports no machine (a flowc bug; please report it)\n`);
    return { ok: false, exit: EXIT_FAILED };
  }
  const warnings = compiled.diagnostics.filter((d) => d.severity === 'warning').length;
  return { ok: true, flow: { machine, text, warnings } };
}

/** The flow to replay, or why none can be chosen. */
export function chooseFlow(path: string, flows: readonly string[], name: string | undefined): string | { readonly message: string } {
  const list = flows.map((f) => `\`${f}\``).join(', ');
  if (name !== undefined) {
    if (flows.includes(name)) return name;
    return { message: flows.length === 0 ? `\`${path}\` has no flow \`${name}\` (it has no flows)` : `\`${path}\` has no flow \`${name}\` (it has ${list})` };
  }
  if (flows.length === 1 && flows[0] !== undefined) return flows[0];
  if (flows.length === 0) return { message: `\`${path}\` has no flow to simulate` };
  return { message: `\`${path}\` has several flows (${list}): choose one with --flow` };
}
