/**
 * Seed 001: an agent session survives a restart of the agent manager at any
 * point. Each log is turned into a script (time passes, then the line is
 * delivered) and run through assertResumableAtEveryStep: saving and restoring
 * the session between any two lines must change nothing it asks of the world.
 */
import { describe, expect, it } from 'vitest';
import type { ScriptStep } from '../../../runtime/persist/resume-check.js';
import type { TraceRead } from '../../../runtime/trace/index.js';
import { assertResumableAtEveryStep } from '../../runtime/persist/assert-resumable.js';
import { agentFlow, eventOfLine, inputOf, readLog } from './agent-flow.js';

/** The agent's lines as a script, keeping the time between them (timers fire in between). */
function scriptOf(log: TraceRead): ScriptStep[] {
  const script: ScriptStep[] = [];
  let last: number | undefined;
  for (const item of log.items) {
    if (item.kind !== 'event') continue;
    if (last !== undefined && item.time > last) script.push({ advance: item.time - last });
    last = item.time;
    script.push({ deliver: eventOfLine(item.event) });
  }
  return script;
}

async function resumable(name: string, agentId: string) {
  const { machine } = await agentFlow();
  const log = readLog(name, agentId);
  const start = log.items[0]?.time ?? 0;
  const run = assertResumableAtEveryStep(machine, inputOf(agentId), scriptOf(log), { key: agentId, startAt: start });
  expect(run.refusals).toEqual([]);
  expect(run.errors).toEqual([]);
  return run;
}

describe('the Agent flow resumes at every step', () => {
  it('progressive-call.a1001.jsonl: the wrap-up timer armed before a restore still disposes with the default code', async () => {
    const run = await resumable('progressive-call', 'a1001');
    expect(run.emitted.filter((e) => e.event === 'Disposed').map((e) => e.payload['by'])).toEqual(['agent', 'wrap-up timer']);
    expect(run.snapshot?.configuration).toEqual(['Logout']);
  });

  it('consult-transfer.a1002.jsonl: pending consults and the sends to the other agent survive a restore', async () => {
    const run = await resumable('consult-transfer', 'a1002');
    expect(run.sent).toMatchObject([
      { flow: 'Agent', key: 'a1001', event: { type: 'ConsultRefused' } },
      { flow: 'Agent', key: 'a1001', event: { type: 'ConsultAccepted' } },
      { flow: 'Agent', key: 'a1001', event: { type: 'ConsultQueued', position: 1 } },
      { flow: 'Agent', key: 'a1001', event: { type: 'ConsultAccepted' } },
    ]);
  });

  it('ha-desktop-shutdown.a1001.jsonl: the Unknown state and the HA save survive a restore', async () => {
    const run = await resumable('ha-desktop-shutdown', 'a1001');
    expect(run.emitted.map((e) => e.event)).toContain('PomEvent');
    expect(run.snapshot?.context['savedForHa']).toBe(true);
  });
});
