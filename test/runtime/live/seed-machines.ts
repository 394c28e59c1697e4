/** The seed flows the live tests run, compiled once per test file (the compiler is not what they test). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile, loadMachines } from '../../../compiler/index.js';
import type { AnyFlowMachine } from '../../../runtime/machine.js';

export const REPO = join(import.meta.dirname, '..', '..', '..');

export const SEED_FLOWS = {
  ExternalTransfer: 'flows/pom/external-transfer.flow',
  AttendedTransfer: 'flows/kalliope/attended-transfer.flow',
} as const;

export type SeedName = keyof typeof SEED_FLOWS;

const compiled = new Map<SeedName, Promise<AnyFlowMachine>>();

export function seedMachine(name: SeedName): Promise<AnyFlowMachine> {
  let machine = compiled.get(name);
  if (machine === undefined) {
    machine = (async () => {
      const path = SEED_FLOWS[name];
      const result = await compile([{ path, text: readFileSync(join(REPO, path), 'utf8') }], { kinds: ['js'] });
      const [loaded] = (await loadMachines(result.files)).filter((m) => m.name === name);
      if (loaded === undefined) throw new Error(`${name} did not compile: ${JSON.stringify(result.diagnostics)}`);
      return loaded;
    })();
    compiled.set(name, machine);
  }
  return machine;
}
