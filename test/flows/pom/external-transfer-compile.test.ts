/** flows/pom/external-transfer.flow compiles as the CLI compiles it, with no diagnostic at all (no warning either). */
import { expect, it } from 'vitest';
import { externalTransfer } from './external-transfer-replay.js';

it('compiles with no errors and no warnings, the agent leg nailed', async () => {
  const { file, machine } = await externalTransfer();
  expect(file.diagnostics).toEqual([]);
  expect(machine.legs.map((l) => `${l.name}${l.nailed === true ? ' nailed' : ''}`)).toEqual(['agent nailed', 'customer', 'external']);
});
