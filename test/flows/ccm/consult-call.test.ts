/**
 * Seed 003, CCM's side (ConsultCall in flows/ccm/consult-call.flow): each
 * `<case>.ccm.jsonl` log (the CIM messages Agent B's desk sends CCM)
 * replayed through the customer's channel session, asserting what CCM
 * publishes on the conversation topic, when, and in which session.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { coveredTransitions, describeTransitions, outputs, readLog, statesVisited, stepAtLine, type Output } from '../genesys/flow-replay.js';
import { AGENT_A_EXTENSION, AGENT_B, CHANNEL_SESSION, CONVERSATION, LOGS, logsOf, replayRole, type RoleReplays } from './ccm-flows.js';

let ccm: RoleReplays;

beforeAll(async () => {
  ccm = await replayRole('ccm');
});

const published = (at: string, emit: 'CALL_LEG_STARTED' | 'CALL_LEG_ENDED', callId: string): Output => ({
  at,
  emit,
  payload: { conversationId: CONVERSATION, channelSessionId: CHANNEL_SESSION, reason: emit === 'CALL_LEG_STARTED' ? 'CONSULT' : 'CONSULT_ENDED', agentId: AGENT_B, callId },
});

/** Cases where B accepted: CCM publishes the leg's start and end, each when its CIM message arrives, and nothing else. */
const PUBLISHING: Readonly<Record<string, { readonly seed: string; readonly outputs: readonly Output[] }>> = {
  'a-drops-after-accept': {
    seed: 'A dropped after B accepted it',
    outputs: [published('2024-04-16T09:10:04.931Z', 'CALL_LEG_STARTED', '16777322'), published('2024-04-16T09:12:31.152Z', 'CALL_LEG_ENDED', '16777322')],
  },
  'b-drops-after-accept': {
    seed: 'B dropped after accepting',
    outputs: [published('2024-04-16T09:30:03.569Z', 'CALL_LEG_STARTED', '16777358'), published('2024-04-16T09:31:28.802Z', 'CALL_LEG_ENDED', '16777358')],
  },
  'b-refresh-call-active': {
    seed: 'B refreshes after accepting, the call remains active: nothing published for the refresh',
    outputs: [published('2024-04-16T10:50:04.172Z', 'CALL_LEG_STARTED', '16777481'), published('2024-04-16T10:52:10.531Z', 'CALL_LEG_ENDED', '16777481')],
  },
  'b-refresh-call-dropped': {
    seed: 'B refreshes after accepting and the call is dropped: CALL_LEG_ENDED published',
    outputs: [published('2024-04-16T11:00:05.121Z', 'CALL_LEG_STARTED', '16777495'), published('2024-04-16T11:01:02.866Z', 'CALL_LEG_ENDED', '16777495')],
  },
  'browser-a-away-consult-ended': {
    seed: 'Browser-A disconnects and the consult ends before it is restored: CALL_LEG_ENDED published',
    outputs: [published('2024-04-16T11:10:03.936Z', 'CALL_LEG_STARTED', '16777512'), published('2024-04-16T11:10:47.396Z', 'CALL_LEG_ENDED', '16777512')],
  },
};

describe('ConsultCall', () => {
  it('every ccm log is tested here', () => {
    expect(logsOf('ccm').map((l) => l.case)).toEqual([...Object.keys(PUBLISHING), 'agent-extension-identifier'].sort());
  });

  it('compiles with no diagnostics (with the desk flow it shares the file with)', () => {
    expect(ccm.compiled.diagnostics).toEqual([]);
  });

  describe.each(Object.entries(PUBLISHING))('%s', (name, expected) => {
    it(`passes: ${expected.seed}`, () => {
      const r = ccm.get(name);
      expect(r.divergence).toBeUndefined();
      expect(r.problems).toEqual([]);
      expect(r.verdict).toBe('pass');
    });

    it('publishes CALL_LEG_STARTED (Consult) then CALL_LEG_ENDED on the conversation topic, in the same channel session', () => {
      expect(outputs(ccm.get(name))).toEqual(expected.outputs);
    });

    it('creates no session for the consult: one channel session takes both messages', () => {
      const r = ccm.get(name);
      expect(r.counts.calls).toBe(1);
      expect(r.steps.map((s) => s.call)).toEqual([1, 1]);
    });

    it('goes CustomerCall -> Consulting -> CustomerCall', () => {
      expect(ccm.get(name).coverage.states).toEqual(['CustomerCall', 'Consulting']);
      expect(statesVisited(ccm.get(name))).toEqual([['Consulting'], ['CustomerCall']]);
    });
  });

  it("finds no session for a desk that names the channel by Agent A's extension (the problem), and publishes nothing", () => {
    const r = ccm.get('agent-extension-identifier');
    expect(r.verdict).toBe('pass');
    const step = stepAtLine(r, 1);
    expect(readLog(LOGS, 'agent-extension-identifier.ccm.jsonl').items[0]).toMatchObject({ event: { reason: 'CONSULT', customerChannelIdentifier: AGENT_A_EXTENSION } });
    expect(step.outcome.kind === 'command' ? step.outcome.rejected : undefined).toContain('no call of ConsultCall takes');
    expect(r.counts.calls).toBe(0);
    expect(outputs(r)).toEqual([]);
    // The log really is the consult's CALL_LEG_STARTED, only with the extension as identifier.
    expect(step.summary).toBe('CALL_LEG_STARTED');
  });

  it('is exercised transition by transition by the logs together', () => {
    const covered = coveredTransitions([...ccm.byCase.values()]);
    expect(describeTransitions(ccm.machine, covered)).toEqual(describeTransitions(ccm.machine, ccm.machine.transitions.map((t) => t.id)));
  });
});
