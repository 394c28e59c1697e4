import { describe, expect, it } from 'vitest';
import type { AnyFlowMachine } from '../../../runtime/machine.js';
import { findResumeDivergences, type ScriptStep } from '../../../runtime/persist/resume-check.js';
import { RingNoAnswer, ringInput } from '../machines/ring-no-answer.js';
import { assertResumableAtEveryStep } from './assert-resumable.js';

const inbound = { inbound: ['caller'], key: 'call-1', startAt: 1_700_000_000_000 } as const;

describe('resuming RingNoAnswer at every step', () => {
  it('answered call with hold, timed auto-resume, manual resume and the max-talk timer', () => {
    const script: ScriptStep[] = [
      { advance: 3_000 },
      { leg: 'agent', signal: { type: 'ringing' } },
      { advance: 2_000 },
      { leg: 'agent', signal: { type: 'answered' } },
      { advance: 10_000 },
      { deliver: { type: 'Hold' } },
      { advance: 29_999 },
      { advance: 1 }, // Held#0 fires: back to Talking
      { deliver: { type: 'Hold' } },
      { advance: 5_000 },
      { deliver: { type: 'Resume' } },
      { advance: 3_600_000 }, // Connected#0 fires: Ended
      { leg: 'agent', signal: { type: 'hangup' } }, // late: dropped
    ];
    const run = assertResumableAtEveryStep(RingNoAnswer, ringInput, script, inbound);
    expect(run.snapshot).toMatchObject({ configuration: ['Ended'], status: 'done', context: { holds: 2 } });
    expect(run.steps.map((s) => s.event?.type ?? '$start')).toEqual([
      '$start', 'agent.ringing', 'agent.answered', 'Hold', '$timer', 'Hold', 'Resume', '$timer',
    ]);
    expect(run.emitted.map((e) => e.event)).toEqual(['Connected', 'Ended']);
    expect(run.drops).toEqual(['agent.hangup: finished']);
  });

  it('ring, no answer', () => {
    const run = assertResumableAtEveryStep(RingNoAnswer, ringInput, [{ advance: 10_000 }, { advance: 10_000 }], inbound);
    expect(run.snapshot?.configuration).toEqual(['NoAnswer']);
    expect(run.sip).toMatchObject([{ op: 'answer' }, { op: 'dial' }, { op: 'cancel' }, { op: 'hangup' }]);
  });

  it('caller hangs up while held', () => {
    const run = assertResumableAtEveryStep(
      RingNoAnswer,
      ringInput,
      [{ leg: 'agent', signal: { type: 'answered' } }, { deliver: { type: 'Hold' } }, { advance: 1_000 }, { leg: 'caller', signal: { type: 'hangup' } }, { advance: 60_000 }],
      inbound,
    );
    expect(run.snapshot?.configuration).toEqual(['Ended']);
    expect(run.media).toMatchObject([{ op: 'bridge' }, { op: 'startMusic' }, { op: 'stopMusic' }]);
    expect(run.timers).toEqual([]);
  });
});

describe('findResumeDivergences', () => {
  it('finds a flow that keeps state outside its snapshot', () => {
    // Carries a hold count beside the snapshot object, not in it: a restore starts from a
    // snapshot read back from JSON, where the count is gone.
    const hidden = new WeakMap<object, number>();
    const leaky: AnyFlowMachine = {
      ...RingNoAnswer,
      transition(snapshot, event) {
        const result = RingNoAnswer.transition(snapshot, event);
        const seen = (hidden.get(snapshot) ?? 0) + (event.type === 'Hold' ? 1 : 0);
        hidden.set(result.snapshot, seen);
        if (event.type !== 'Hold') return result;
        return { ...result, effects: [...result.effects, { kind: 'emit', event: 'Seen', payload: { n: seen }, at: { line: 1, column: 1 } }] };
      },
    };
    const script: ScriptStep[] = [
      { leg: 'agent', signal: { type: 'answered' } },
      { deliver: { type: 'Hold' } },
      { deliver: { type: 'Resume' } },
      { deliver: { type: 'Hold' } },
    ];
    const divergences = findResumeDivergences(leaky, ringInput, script, inbound);
    // Restored before the first Hold (after 0 or 1 steps) or at the end, nothing is lost; after 2 or 3 steps, the first Hold is.
    expect(divergences.map((d) => [d.restoredAfter, d.field])).toEqual([
      [2, 'steps'],
      [3, 'steps'],
      ['every', 'steps'],
    ]);
  });
});
