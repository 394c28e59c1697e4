/**
 * Seed 003, Agent A's side (ConsultInitiatorDesk in
 * flows/ccm/consult-initiator-desk.flow): each `<case>.desk-a.jsonl` log
 * (CTI's consult events, CCM's conversation topic, A's browser) replayed,
 * asserting the states of both regions and that A's desk rejoins the
 * conversation exactly when B is on the call as A's browser comes back.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { coveredTransitions, describeTransitions, outputs, statesVisited, type Output } from '../genesys/flow-replay.js';
import { CONVERSATION, logsOf, replayRole, type RoleReplays } from './ccm-flows.js';

let desk: RoleReplays;

beforeAll(async () => {
  desk = await replayRole('desk-a');
});

/** A configuration of the desk: the browser region's state and the consult region's. */
const at = (browser: 'BrowserUp' | 'BrowserDown', consult: 'NoConsult' | 'ConsultRinging' | 'ConsultJoined'): string[] => ['Desk', 'Browser', browser, 'Consult', consult];

const CASES: Readonly<Record<string, { readonly seed: string; readonly states: readonly (readonly string[])[]; readonly outputs: readonly Output[] }>> = {
  'a-drops-before-accept': {
    seed: 'A dropped before B accepted it',
    states: [at('BrowserUp', 'ConsultRinging'), at('BrowserUp', 'NoConsult')],
    outputs: [],
  },
  'a-drops-after-accept': {
    seed: 'A dropped after B accepted it: the leg starts and ends on the conversation topic',
    states: [at('BrowserUp', 'ConsultRinging'), at('BrowserUp', 'ConsultJoined'), at('BrowserUp', 'NoConsult')],
    outputs: [],
  },
  'b-never-accepts': {
    seed: 'B never accepted it (RONA-B)',
    states: [at('BrowserUp', 'ConsultRinging'), at('BrowserUp', 'NoConsult')],
    outputs: [],
  },
  'browser-a-restored-consult-ringing': {
    seed: 'Browser-A disconnects and restores, the consult still ringing on B: nothing (B did not join)',
    states: [at('BrowserUp', 'ConsultRinging'), at('BrowserDown', 'ConsultRinging'), at('BrowserUp', 'ConsultRinging')],
    outputs: [],
  },
  'browser-a-restored-after-rona': {
    seed: 'Browser-A disconnects and after restoring, the consult has ended due to RONA-B: nothing',
    states: [at('BrowserUp', 'ConsultRinging'), at('BrowserDown', 'ConsultRinging'), at('BrowserDown', 'NoConsult'), at('BrowserUp', 'NoConsult')],
    outputs: [],
  },
  'browser-a-restored-b-on-call': {
    seed: 'Browser-A disconnects and is restored, B already on the call: A rejoins the same conversation',
    states: [at('BrowserUp', 'ConsultRinging'), at('BrowserUp', 'ConsultJoined'), at('BrowserDown', 'ConsultJoined'), at('BrowserUp', 'ConsultJoined'), at('BrowserUp', 'NoConsult')],
    outputs: [{ at: '2024-04-16T10:00:36.455Z', emit: 'RejoinConversation', payload: { conversationId: CONVERSATION, callId: '16777402' } }],
  },
  'browser-a-away-consult-ended': {
    seed: 'Browser-A disconnects and the consult ends before it is restored: no consult to rejoin',
    states: [at('BrowserUp', 'ConsultRinging'), at('BrowserUp', 'ConsultJoined'), at('BrowserDown', 'ConsultJoined'), at('BrowserDown', 'NoConsult'), at('BrowserUp', 'NoConsult')],
    outputs: [],
  },
};

describe('ConsultInitiatorDesk logs', () => {
  it('compiles with no diagnostics', () => {
    expect(desk.compiled.diagnostics).toEqual([]);
  });

  it('every desk-a log has its expectations here, and every expectation its log', () => {
    expect(logsOf('desk-a').map((l) => l.case)).toEqual(Object.keys(CASES).sort());
  });

  describe.each(Object.entries(CASES))('%s', (name, expected) => {
    it(`passes: ${expected.seed}`, () => {
      const r = desk.get(name);
      expect(r.divergence).toBeUndefined();
      expect(r.problems).toEqual([]);
      expect(r.verdict).toBe('pass');
      expect(r.counts.calls).toBe(1);
    });

    it('visits the states of the case, and every log line is taken', () => {
      const r = desk.get(name);
      expect(statesVisited(r)).toEqual(expected.states);
      expect(r.steps.filter((s) => s.taken.length === 0).map((s) => s.kind === 'event' ? `${s.frame} ${s.summary}` : s.kind)).toEqual([]);
    });

    it('sends out what the case says', () => {
      expect(outputs(desk.get(name))).toEqual(expected.outputs);
    });
  });

  it('is exercised transition by transition by the logs together', () => {
    const covered = coveredTransitions([...desk.byCase.values()]);
    expect(describeTransitions(desk.machine, covered)).toEqual(describeTransitions(desk.machine, desk.machine.transitions.map((t) => t.id)));
  });
});
