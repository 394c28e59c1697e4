/**
 * Seed 004 (Genesys "Deliver Interaction to Agent") proved on JSONL logs of
 * what Interaction Server receives (test/fixtures/events/genesys), replayed
 * through flows/genesys/interaction-invite.flow: per log, the verdict, the
 * states, the timer, and every message Interaction Server sends, in order,
 * with its payload. docs/flows.md maps each seed sentence to these tests.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnyFlowMachine } from '../../../runtime/machine.js';
import type { SimulationResult } from '../../../runtime/simulate/index.js';
import {
  compileFlowFile,
  coveredTransitions,
  describeTransitions,
  emitted,
  emittedNames,
  iso,
  machineOf,
  readLog,
  replay,
  statesVisited,
  stepAtLine,
  timerSteps,
  type CompiledFile,
} from './flow-replay.js';

const FLOW = 'flows/genesys/interaction-invite.flow';
const LOGS = 'test/fixtures/events/genesys';
const LOG_FILES = ['accept.jsonl', 'reject.jsonl', 'timeout.jsonl', 'late-accept.jsonl'] as const;
type LogFile = (typeof LOG_FILES)[number];

let file: CompiledFile;
let machine: AnyFlowMachine;
const results = new Map<LogFile, SimulationResult>();

beforeAll(async () => {
  file = await compileFlowFile(FLOW);
  machine = machineOf(file, 'InteractionInvite');
  // The default timeout (30s): the logs were written against it.
  for (const log of LOG_FILES) results.set(log, replay(machine, readLog(LOGS, log), {}, file.source));
});

function result(log: LogFile): SimulationResult {
  const r = results.get(log);
  if (r === undefined) throw new Error(`${log} was not replayed`);
  return r;
}

function expectPass(r: SimulationResult): void {
  expect(r.divergence).toBeUndefined();
  expect(r.problems).toEqual([]);
  expect(r.verdict).toBe('pass');
}

const PHASE_ONE = ['EventPartyRemoved', 'EventAgentInvited', 'EventInvite'];

describe('the flow', () => {
  it('compiles with no diagnostics', () => {
    expect(file.diagnostics).toEqual([]);
  });

  it('is exercised transition by transition by the logs together', () => {
    const all = machine.transitions.map((t) => t.id);
    const covered = coveredTransitions([...results.values()]);
    // Named, so a failure says which transition no log takes any more.
    expect(describeTransitions(machine, covered)).toEqual(describeTransitions(machine, all));
  });
});

describe('accept.jsonl: the agent accepts', () => {
  it('passes, one delivery per route request', () => {
    expectPass(result('accept.jsonl'));
    expect(result('accept.jsonl').counts.calls).toBe(2);
  });

  it('invites on RequestRouteCall: the strategy party leaves, the agent is invited (reporting), EventInvite goes to the agent application', () => {
    const step = stepAtLine(result('accept.jsonl'), 1);
    expect(step.effects.map((e) => e.kind)).toEqual(['emit', 'emit', 'emit', 'startTimer']);
    expect(emitted(result('accept.jsonl')).slice(0, 3)).toEqual([
      { call: 1, time: Date.parse('2024-03-05T09:15:02.120Z'), event: 'EventPartyRemoved', payload: { interactionId: '0001Ma9CKTNQ006T', party: 'EmailToSupportTier1' } },
      { call: 1, time: Date.parse('2024-03-05T09:15:02.120Z'), event: 'EventAgentInvited', payload: { interactionId: '0001Ma9CKTNQ006T', agentId: 'jsmith', placeId: 'Place_5021' } },
      { call: 1, time: Date.parse('2024-03-05T09:15:02.120Z'), event: 'EventInvite', payload: { interactionId: '0001Ma9CKTNQ006T', agentId: 'jsmith', placeId: 'Place_5021' } },
    ]);
  });

  it('sets the invitation timer to inviteTimeout', () => {
    const step = stepAtLine(result('accept.jsonl'), 1);
    expect(step.effects.filter((e) => e.kind === 'startTimer')).toMatchObject([{ timer: 'Inviting#0', delayMs: 30_000 }]);
  });

  it('on RequestAccept sends EventRouteUsed to URS (its route reference, result accepted) and reports EventPartyAdded', () => {
    const step = stepAtLine(result('accept.jsonl'), 2);
    expect(step.effects.filter((e) => e.kind === 'emit')).toMatchObject([
      { event: 'EventRouteUsed', payload: { interactionId: '0001Ma9CKTNQ006T', referenceId: 41, agentId: 'jsmith', placeId: 'Place_5021', result: 'accepted' } },
      { event: 'EventPartyAdded', payload: { interactionId: '0001Ma9CKTNQ006T', agentId: 'jsmith', placeId: 'Place_5021' } },
    ]);
  });

  it('cancels the timer on accept, so it never fires although the log runs past it', () => {
    const step = stepAtLine(result('accept.jsonl'), 2);
    expect(step.effects.filter((e) => e.kind === 'cancelTimer')).toMatchObject([{ timer: 'Inviting#0' }]);
    // Line 3 is 47.8 s after the invitation: an uncancelled 30 s timer would have fired before it.
    expect(stepAtLine(result('accept.jsonl'), 3).time - stepAtLine(result('accept.jsonl'), 1).time).toBeGreaterThan(30_000);
    expect(timerSteps(result('accept.jsonl'))).toEqual([]);
    expect(emittedNames(result('accept.jsonl'))).not.toContain('EventRevoked');
  });

  it('goes Routing -> Inviting -> Delivered', () => {
    expect(statesVisited(result('accept.jsonl'), 1)).toEqual([['Inviting'], ['Delivered']]);
    expect(result('accept.jsonl').coverage.states).toEqual(['Routing', 'Inviting', 'Delivered']);
  });

  it('sends every message of both deliveries, in order', () => {
    expect(emittedNames(result('accept.jsonl'))).toEqual([...PHASE_ONE, 'EventRouteUsed', 'EventPartyAdded', ...PHASE_ONE, 'EventRouteUsed', 'EventPartyAdded']);
    expect(emitted(result('accept.jsonl')).map((e) => e.call)).toEqual([1, 1, 1, 1, 1, 2, 2, 2, 2, 2]);
  });
});

describe('reject.jsonl: the agent rejects with RequestReject', () => {
  it('passes', () => {
    expectPass(result('reject.jsonl'));
  });

  it('cancels the timer, acknowledges with EventAck (the request reference), reports EventRejected, tells URS with EventRouteUsed', () => {
    const step = stepAtLine(result('reject.jsonl'), 2);
    expect(step.effects.map((e) => e.kind)).toEqual(['cancelTimer', 'emit', 'emit', 'emit']);
    expect(step.effects.filter((e) => e.kind === 'emit')).toMatchObject([
      { event: 'EventAck', payload: { interactionId: '0001Ma9CKTNQ00A2', referenceId: 33 } },
      { event: 'EventRejected', payload: { interactionId: '0001Ma9CKTNQ00A2', agentId: 'akumar', placeId: 'Place_5034' } },
      { event: 'EventRouteUsed', payload: { interactionId: '0001Ma9CKTNQ00A2', referenceId: 57, agentId: 'akumar', placeId: 'Place_5034', result: 'rejected' } },
    ]);
  });

  it('sends nothing else: no EventPartyAdded, no EventRevoked', () => {
    expect(emittedNames(result('reject.jsonl'))).toEqual([...PHASE_ONE, 'EventAck', 'EventRejected', 'EventRouteUsed']);
  });

  it('goes Routing -> Inviting -> Rejected', () => {
    expect(statesVisited(result('reject.jsonl'))).toEqual([['Inviting'], ['Rejected']]);
  });
});

describe('timeout.jsonl: the agent application does not answer', () => {
  it('passes', () => {
    expectPass(result('timeout.jsonl'));
  });

  it('fires the timer exactly inviteTimeout after the invitation', () => {
    const timers = timerSteps(result('timeout.jsonl'));
    expect(timers.map((t) => ({ call: t.call, timer: t.timer, at: iso(t.time) }))).toEqual([
      { call: 1, timer: 'Inviting#0', at: '2024-03-05T11:20:43.044Z' },
    ]);
  });

  it('revokes the interaction with EventRevoked, and nothing for URS or reporting that the seed does not name', () => {
    const revoke = timerSteps(result('timeout.jsonl'))[0];
    expect(revoke?.effects.filter((e) => e.kind === 'emit')).toMatchObject([
      { event: 'EventRevoked', payload: { interactionId: '0001Ma9CKTNQ00F9', agentId: 'mlopez', placeId: 'Place_5047' } },
    ]);
    expect(emitted(result('timeout.jsonl')).filter((e) => e.call === 1).map((e) => e.event)).toEqual([...PHASE_ONE, 'EventRevoked']);
  });

  it('goes Routing -> Inviting -> Revoked; the next route request is a delivery of its own', () => {
    expect(statesVisited(result('timeout.jsonl'), 1)).toEqual([['Inviting'], ['Revoked']]);
    expect(statesVisited(result('timeout.jsonl'), 2)).toEqual([['Inviting']]);
  });
});

describe('late-accept.jsonl: the agent accepts after the timeout', () => {
  it('passes', () => {
    expectPass(result('late-accept.jsonl'));
  });

  it('revokes first, at the timeout, before the late RequestAccept is read', () => {
    const [revoke] = timerSteps(result('late-accept.jsonl'));
    expect(iso(revoke?.time ?? 0)).toBe('2024-03-05T13:48:00.615Z');
    expect(result('late-accept.jsonl').steps.map((s) => s.kind)).toEqual(['event', 'timer', 'event']);
  });

  it('ignores the late RequestAccept: no invitation is left to take it, nothing is sent', () => {
    const late = stepAtLine(result('late-accept.jsonl'), 2);
    // The delivery is over (Revoked is final) and no new one starts with an accept.
    expect(late.outcome).toEqual({ kind: 'command', rejected: 'no call of InteractionInvite takes `RequestAccept` now' });
    expect(late.taken).toEqual([]);
    expect(late.effects).toEqual([]);
    expect(emittedNames(result('late-accept.jsonl'))).toEqual([...PHASE_ONE, 'EventRevoked']);
    expect(result('late-accept.jsonl').counts.calls).toBe(1);
  });
});

describe('inviteTimeout is an input', () => {
  it('a shorter timeout revokes earlier (the same log, 10 s)', () => {
    const r = replay(machine, readLog(LOGS, 'late-accept.jsonl'), { inviteTimeout: 10_000 }, file.source);
    expectPass(r);
    expect(timerSteps(r).map((t) => iso(t.time))).toEqual(['2024-03-05T13:47:40.615Z']);
  });

  it('a longer one lets the same late RequestAccept through as an accept', () => {
    const r = replay(machine, readLog(LOGS, 'late-accept.jsonl'), { inviteTimeout: 60_000 }, file.source);
    expectPass(r);
    expect(emittedNames(r)).toEqual([...PHASE_ONE, 'EventRouteUsed', 'EventPartyAdded']);
  });
});
