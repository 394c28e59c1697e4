/** The POM external-transfer flow, compiled and loaded by the current compiler, as every dispatch figure uses it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile, loadMachines } from '../compiler/index.js';
import type { AnyFlowMachine } from '../runtime/machine.js';
import { repoRoot } from './repo-root.js';

export const EXTERNAL_TRANSFER_PATH = 'flows/pom/external-transfer.flow';

export async function loadExternalTransfer(): Promise<AnyFlowMachine> {
  const text = readFileSync(join(repoRoot(), EXTERNAL_TRANSFER_PATH), 'utf8');
  const { files, diagnostics } = await compile([{ path: EXTERNAL_TRANSFER_PATH, text }], { kinds: ['ts', 'js'] });
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`bench: ${EXTERNAL_TRANSFER_PATH} does not compile: ${errors.map((d) => `${d.code} ${d.message}`).join('; ')}`);
  const machine = (await loadMachines(files)).find((m) => m.name === 'ExternalTransfer');
  if (machine === undefined) throw new Error('bench: the compiled module exports no ExternalTransfer machine');
  return machine;
}

/** The inputs every bench session starts with (shared strings, so neither side pays for copies). */
export const EXTERNAL_TRANSFER_INPUT = {
  agentUri: 'sip:agent@pom.example.com',
  customerUri: 'sip:+15550100@gateway.example.com',
  externalUri: 'sip:+15550199@gateway.example.com',
} as const;
