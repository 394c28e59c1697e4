/**
 * The resume check on a compiled flow (the compiler's golden ExternalTransfer
 * module) rather than a hand-written one: generated snapshots, effects and
 * timers must survive a save/restore between any two steps.
 */
import { describe, expect, it } from 'vitest';
import type { AnyFlowMachine } from '../../../runtime/machine.js';
import type { ScriptStep } from '../../../runtime/persist/resume-check.js';
import { ExternalTransfer } from '../../golden/ExternalTransfer.flow.js';
import { assertResumableAtEveryStep } from './assert-resumable.js';

// The generated Input/Context are interfaces, which have no implicit index signature and so do not
// widen to AnyFlowMachine's records; generated `type` aliases would make this cast unnecessary.
const machine = ExternalTransfer as unknown as AnyFlowMachine;
const input = { agentUri: 'sip:agent@mpp', customerUri: 'sip:+15550100@gw', externalUri: 'sip:+15550199@gw' };
const options = { key: 'job-1', startAt: 1_700_000_000_000 };

const toConsult: ScriptStep[] = [
  { leg: 'agent', signal: { type: 'answered' } },
  { leg: 'customer', signal: { type: 'ringing' } },
  { advance: 2_000 },
  { leg: 'customer', signal: { type: 'answered' } }, // Anchoring: INVITE with Replaces moves the leg
  { leg: 'customer', signal: { type: 'answered' } }, // the new dialog answers
  { advance: 5_000 },
  { deliver: { type: 'Consult' } },
  { advance: 3_000 },
  { leg: 'external', signal: { type: 'answered' } },
  { deliver: { type: 'Transfer' } },
];

describe('ExternalTransfer (compiled) resumes at every step', () => {
  it('through REFER with Replaces and NOTIFY 200', () => {
    const run = assertResumableAtEveryStep(
      machine,
      input,
      [
        ...toConsult,
        { leg: 'external', signal: { type: 'notify', status: 100 } },
        { advance: 500 },
        { leg: 'customer', signal: { type: 'hangup' } },
        { leg: 'external', signal: { type: 'notify', status: 200 } },
      ],
      options,
    );
    expect(run.refusals).toEqual([]);
    expect(run.errors).toEqual([]);
    expect(run.snapshot).toMatchObject({ configuration: ['Disposed'], status: 'done' });
    expect(run.sip).toMatchObject([
      { op: 'dial', dialogId: 'd1' },
      { op: 'dial', dialogId: 'd2' },
      { op: 'takeover', dialogId: 'd3', replaces: 'd2' },
      { op: 'hold', dialogId: 'd3' },
      { op: 'dial', dialogId: 'd4' },
      { op: 'referReplacing', dialogId: 'd4', replacing: 'd3' },
      { op: 'hangup', dialogId: 'd4' },
    ]);
    expect(run.published).toMatchObject([{ event: 'Disposed', payload: { code: 'Transferred to external number' } }]);
  });

  it('when the transfer times out and the consult is cancelled', () => {
    const run = assertResumableAtEveryStep(
      machine,
      input,
      [...toConsult, { advance: 31_999 }, { advance: 1 }, { deliver: { type: 'CancelConsult' } }, { leg: 'agent', signal: { type: 'hangup' } }],
      options,
    );
    expect(run.errors).toEqual([]);
    expect(run.published).toMatchObject([{ event: 'TransferFailed', payload: { status: 408 } }]);
    expect(run.steps.map((s) => s.event?.type ?? '$start').slice(-3)).toEqual(['$timer', 'CancelConsult', 'agent.hangup']);
    expect(run.snapshot).toMatchObject({ configuration: ['Failed'], status: 'done' });
  });
});
