/** The seed-002 flow compiles with no error and no warning, into the machine the other tests drive. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../grammar/diagnostic.js';
import type { AnyFlowMachine } from '../../../runtime/machine.js';
import { attendedTransfer } from './attended-transfer-flow.js';

let machine: AnyFlowMachine;
let diagnostics: readonly Diagnostic[];

beforeAll(async () => {
  ({ machine, diagnostics } = await attendedTransfer());
});

describe('flows/kalliope/attended-transfer.flow', () => {
  it('compiles with no diagnostics at all', () => {
    expect(diagnostics.map((d) => `${d.severity} ${d.code} ${d.message}`)).toEqual([]);
  });

  it('is the PBX side: the phone offers the call, the PBX dials the other two', () => {
    expect(machine.name).toBe('AttendedTransfer');
    expect(machine.legs.map((l) => [l.name, l.inbound])).toEqual([
      ['transferer', true],
      ['transferred', false],
      ['addressee', false],
    ]);
  });

  it('has a state for every phase the seed names', () => {
    expect(machine.states.map((s) => s.name)).toEqual([
      'Connecting',
      'Connected',
      'Talking',
      'Collecting',
      'Digits',
      'Ringing',
      'Dialing',
      'Failover',
      'Answered',
      'Consult',
      'Switched',
      'Conference',
      'Unattended',
      'Blind',
      'Transferred',
      'Ended',
    ]);
  });

  it('requires the transferred party, the domain of extensions and the failover destination; prompts, music, timeouts, codes and switches have defaults', () => {
    const inputs = Object.fromEntries(machine.inputs.map((i) => [i.name, i]));
    expect(Object.keys(inputs).sort()).toEqual(
      [
        'cancelCode',
        'conferenceCode',
        'digitTimeout',
        'directMedia',
        'extensionDomain',
        'extensionPrompt',
        'failedPrompt',
        'failoverUri',
        'musicOnHold',
        'ringTimeout',
        'serviceEnabled',
        'switchCode',
        'transferCode',
        'transferredUri',
      ].sort(),
    );
    const required = machine.inputs.filter((i) => !i.optional).map((i) => i.name);
    expect(required).toEqual(['transferredUri', 'extensionDomain', 'failoverUri']);
    expect(inputs['digitTimeout']).toEqual({ name: 'digitTimeout', type: 'duration', optional: true });
  });
});
