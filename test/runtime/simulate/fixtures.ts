/** The compiled POM external-transfer flow and the capture fixtures, shared by the simulate tests. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile, loadMachines } from '../../../compiler/index.js';
import type { AnyFlowMachine } from '../../../runtime/machine.js';
import { readTrace, type TraceRead } from '../../../runtime/trace/index.js';

export const REPO = join(import.meta.dirname, '..', '..', '..');
export const TRACES = join(REPO, 'test', 'fixtures', 'traces');
export const FLOW_PATH = 'flows/pom/external-transfer.flow';

export interface CompiledFlow {
  readonly machine: AnyFlowMachine;
  readonly source: string;
}

let compiled: Promise<CompiledFlow> | undefined;

/** Compiled once per test file (the compiler is not what these tests measure). */
export function externalTransfer(): Promise<CompiledFlow> {
  compiled ??= (async () => {
    const source = readFileSync(join(REPO, FLOW_PATH), 'utf8');
    const result = await compile([{ path: FLOW_PATH, text: source }], { kinds: ['js'] });
    const [machine] = await loadMachines(result.files);
    if (machine === undefined) throw new Error(`ExternalTransfer did not compile: ${JSON.stringify(result.diagnostics)}`);
    return { machine, source };
  })();
  return compiled;
}

export function fixtureTrace(file: string): TraceRead {
  return readTrace(readFileSync(join(TRACES, file)), file);
}

/** The inputs the captures were made with (test/fixtures/traces/README.md). */
export const CAPTURE_INPUT = {
  agentUri: 'sip:5020@127.0.0.20',
  customerUri: 'sip:+15551234567@127.0.0.30',
  externalUri: 'sip:+15557654321@127.0.0.30',
} as const;

/** `.flow` line of the first line containing `text` (1-based), so tests name lines by content, not number. */
export function lineOf(source: string, text: string): number {
  const i = source.split('\n').findIndex((line) => line.includes(text));
  if (i < 0) throw new Error(`no line contains \`${text}\``);
  return i + 1;
}
