// The running example compiled and run: the seed 000 happy path, effect by effect.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../../compiler/compile.js';
import { loadMachines } from '../../../compiler/load.js';
import type { Effect } from '../../../runtime/effects.js';
import type { AnyFlowMachine } from '../../../runtime/machine.js';
import { runEvents, type TestEvent } from '../semantics/machineFromSource.js';
import { readSource, REPO } from './flowSources.js';

const INPUT = { agentUri: 'sip:agent@pom', customerUri: 'sip:+15550100@gw', externalUri: 'sip:+15550199@gw' };

/** Effects without `at`, which the golden file already pins. */
function plain(effects: readonly Effect[]): Record<string, unknown>[] {
  return effects.map(({ at: _at, ...rest }) => rest);
}

describe('ExternalTransfer', () => {
  let machine: AnyFlowMachine;
  const source = readSource(join(REPO, 'flows', 'pom', 'external-transfer.flow'));
  /** The 1-based line of the first line of the flow containing `text`, so the test names lines by content. */
  const lineOf = (text: string): number => source.text.split('\n').findIndex((l) => l.includes(text)) + 1;

  beforeAll(async () => {
    const result = await compile([source], { kinds: ['js'] });
    const [loaded] = await loadMachines(result.files);
    if (loaded === undefined) throw new Error(`not compiled: ${JSON.stringify(result.diagnostics)}`);
    machine = loaded;
  });

  it('describes the agent leg as nailed (`leg agent nailed`), the others without the flag', () => {
    expect(machine.legs).toEqual([
      { name: 'agent', inbound: false, nailed: true },
      { name: 'customer', inbound: false },
      { name: 'external', inbound: false },
    ]);
  });

  it('runs Nailing -> Outreach -> Anchoring -> Talking -> Consulting -> Consult -> Transferring -> CustomerDropped -> Disposed', () => {
    const events: TestEvent[] = [
      { type: 'agent.answered' },
      { type: 'customer.answered' },
      { type: 'customer.answered' },
      { type: 'Consult' },
      { type: 'external.answered' },
      { type: 'Transfer' },
      { type: 'customer.hangup' },
      { type: 'external.notify', status: 100 },
      { type: 'external.notify', status: 200 },
    ];
    const steps = runEvents(machine, events, INPUT);
    expect(steps.map((s) => s.snapshot.configuration.join(','))).toEqual([
      'Nailing',
      'Outreach',
      'Anchoring',
      'Talking',
      'Consulting',
      'Consult',
      'Transferring',
      'HandedOver,CustomerDropped',
      'HandedOver,CustomerDropped',
      'Disposed',
    ]);
    expect(steps.map((s) => plain(s.effects))).toEqual([
      [{ kind: 'dial', leg: 'agent', to: 'sip:agent@pom', headers: {}, timeoutMs: 30_000 }],
      [{ kind: 'dial', leg: 'customer', to: 'sip:+15550100@gw', headers: {}, timeoutMs: 45_000 }],
      [{ kind: 'takeover', leg: 'customer' }],
      [{ kind: 'bridge', a: 'agent', b: 'customer' }],
      [
        { kind: 'unbridge', a: 'agent', b: 'customer' },
        { kind: 'hold', leg: 'customer', music: 'moh/default' },
        { kind: 'dial', leg: 'external', to: 'sip:+15550199@gw', headers: {}, timeoutMs: 30_000 },
      ],
      [{ kind: 'bridge', a: 'agent', b: 'external' }],
      [
        { kind: 'referReplacing', leg: 'external', replacing: 'customer' },
        { kind: 'startTimer', timer: 'Transferring#0', delayMs: 32_000 },
      ],
      // The gateway's BYE on the customer leg: the REFER's wait ends, the NOTIFY's begins.
      [
        { kind: 'cancelTimer', timer: 'Transferring#0' },
        { kind: 'startTimer', timer: 'CustomerDropped#0', delayMs: 32_000 },
      ],
      [],
      [
        { kind: 'cancelTimer', timer: 'CustomerDropped#0' },
        { kind: 'hangup', leg: 'external' },
        { kind: 'emit', event: 'Disposed', payload: { code: 'Transferred to external number' } },
      ],
    ]);
    const last = steps[steps.length - 1];
    expect(last?.snapshot.status).toBe('done');
    // The nailed agent stays connected; the flow ends with every other leg down.
    expect(last?.snapshot.legs).toEqual({ agent: 'connected', customer: 'ended', external: 'ended' });
    // Every step but the start took one transition (the NOTIFY 100 none), each pointing at its `on` line.
    expect(steps.slice(1).map((s) => s.taken.map((t) => machine.transitions[t.id]?.at.line))).toEqual([
      [lineOf('on agent.answered -> Outreach')],
      [lineOf('on customer.answered -> Anchoring')],
      [lineOf('on customer.answered -> Talking')],
      [lineOf('on Consult -> Consulting')],
      [lineOf('on external.answered -> Consult')],
      [lineOf('on Transfer -> Transferring')],
      [lineOf('on customer.hangup -> CustomerDropped')],
      [],
      [lineOf('status >= 200 && status < 300 -> Disposed')],
    ]);
  });

  it('waits for the gateway\'s BYE on the customer leg when NOTIFY 200 comes first, and hangs it up after 32 s', () => {
    const toTransferring: TestEvent[] = [
      { type: 'agent.answered' },
      { type: 'customer.answered' },
      { type: 'customer.answered' },
      { type: 'Consult' },
      { type: 'external.answered' },
      { type: 'Transfer' },
      { type: 'external.notify', status: 200 },
    ];
    const notified = runEvents(machine, toTransferring, INPUT);
    expect(notified[notified.length - 1]?.snapshot.configuration).toEqual(['HandedOver', 'Transferred']);
    expect(plain(notified[notified.length - 1]?.effects ?? [])).toEqual([
      { kind: 'cancelTimer', timer: 'Transferring#0' },
      { kind: 'hangup', leg: 'external' },
      { kind: 'emit', event: 'Disposed', payload: { code: 'Transferred to external number' } },
      { kind: 'startTimer', timer: 'Transferred#0', delayMs: 32_000 },
    ]);
    const byBye = runEvents(machine, [...toTransferring, { type: 'customer.hangup' }], INPUT);
    expect(plain(byBye[byBye.length - 1]?.effects ?? [])).toEqual([{ kind: 'cancelTimer', timer: 'Transferred#0' }]);
    const byTimer = runEvents(machine, [...toTransferring, { type: '$timer', timer: 'Transferred#0' }], INPUT);
    expect(plain(byTimer[byTimer.length - 1]?.effects ?? [])).toEqual([
      { kind: 'cancelTimer', timer: 'Transferred#0' },
      { kind: 'hangup', leg: 'customer' },
    ]);
    for (const run of [byBye, byTimer]) expect(run[run.length - 1]?.snapshot).toMatchObject({ configuration: ['Disposed'], status: 'done' });
  });

  it('returns to the consult with TransferFailed when the NOTIFY reports a failure', () => {
    const steps = runEvents(
      machine,
      [
        { type: 'agent.answered' },
        { type: 'customer.answered' },
        { type: 'customer.answered' },
        { type: 'Consult' },
        { type: 'external.answered' },
        { type: 'Transfer' },
        { type: 'external.notify', status: 486 },
      ],
      INPUT,
    );
    const last = steps[steps.length - 1];
    expect(last?.snapshot.configuration).toEqual(['Consult']);
    expect(plain(last?.effects ?? [])).toEqual([
      { kind: 'cancelTimer', timer: 'Transferring#0' },
      { kind: 'emit', event: 'TransferFailed', payload: { status: 486 } },
      { kind: 'bridge', a: 'agent', b: 'external' },
    ]);
  });

  it('gives up on the REFER when its timer fires', () => {
    const steps = runEvents(
      machine,
      [
        { type: 'agent.answered' },
        { type: 'customer.answered' },
        { type: 'customer.answered' },
        { type: 'Consult' },
        { type: 'external.answered' },
        { type: 'Transfer' },
        { type: '$timer', timer: 'Transferring#0' },
      ],
      INPUT,
    );
    const last = steps[steps.length - 1];
    expect(last?.snapshot.configuration).toEqual(['Consult']);
    expect(plain(last?.effects ?? []).map((e) => e['kind'])).toEqual(['cancelTimer', 'emit', 'bridge']);
  });
});
