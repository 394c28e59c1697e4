/**
 * Seed 003, RE's side (ConsultTaskRouting in flows/ccm/consult-task-routing.flow):
 * the CALL_LEG_STARTED (Consult) CCM published on the conversation topic makes
 * RE create a task for Agent B and call Agent Manager's assign-task API.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { coveredTransitions, describeTransitions, outputs, statesVisited } from '../genesys/flow-replay.js';
import { AGENT_B, CHANNEL_SESSION, CONVERSATION, logsOf, replayRole, type RoleReplays } from './ccm-flows.js';

let re: RoleReplays;

beforeAll(async () => {
  re = await replayRole('re');
});

describe('ConsultTaskRouting', () => {
  it('compiles with no diagnostics', () => {
    expect(re.compiled.diagnostics).toEqual([]);
  });

  it('has one log, the consult leg of a-drops-after-accept', () => {
    expect(logsOf('re').map((l) => l.case)).toEqual(['a-drops-after-accept']);
  });

  it('creates a task for Agent B and calls assign-task, when the consult leg is published', () => {
    const r = re.get('a-drops-after-accept');
    expect(r.divergence).toBeUndefined();
    expect(r.problems).toEqual([]);
    expect(r.verdict).toBe('pass');
    expect(outputs(r)).toEqual([
      { at: '2024-04-16T09:10:04.978Z', emit: 'TaskCreated', payload: { conversationId: CONVERSATION, channelSessionId: CHANNEL_SESSION, agentId: AGENT_B, callId: '16777322' } },
      { at: '2024-04-16T09:10:04.978Z', emit: 'AssignTask', payload: { agentId: AGENT_B, conversationId: CONVERSATION, callId: '16777322' } },
    ]);
    expect(statesVisited(r)).toEqual([['Assigned']]);
  });

  it('is exercised transition by transition by its log', () => {
    const covered = coveredTransitions([...re.byCase.values()]);
    expect(describeTransitions(re.machine, covered)).toEqual(describeTransitions(re.machine, re.machine.transitions.map((t) => t.id)));
  });
});
