/**
 * Seed 003, Agent B's side (ConsultTargetDesk in flows/ccm/consult-call.flow):
 * each `<case>.desk-b.jsonl` log (what B's desk session receives from CTI and
 * B's browser) replayed, asserting the states, the timers and everything the
 * desk sends out — alerts to B's browser, RONA to the ACD, CIM messages to
 * CCM — in order, with payloads and virtual times.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { coveredTransitions, describeTransitions, iso, outputs, statesVisited, timerSteps, type Output } from '../genesys/flow-replay.js';
import { AGENT_A_EXTENSION, AGENT_B, CUSTOMER_ANI, logsOf, replayRole, type RoleReplays } from './ccm-flows.js';

let desk: RoleReplays;

beforeAll(async () => {
  desk = await replayRole('desk-b');
});

const CCM = `ConsultCall(${CUSTOMER_ANI})`;
const alertShown = (at: string, callId: string): Output => ({ at, emit: 'AlertShown', payload: { callId, callerId: AGENT_A_EXTENSION } });
const alertRestored = (at: string, callId: string): Output => ({ at, emit: 'AlertRestored', payload: { callId, callerId: AGENT_A_EXTENSION } });
const alertRemoved = (at: string, callId: string, reason: 'RONA' | 'DROPPED'): Output => ({ at, emit: 'AlertRemoved', payload: { callId, reason } });
const rona = (at: string, callId: string): Output => ({ at, emit: 'RedirectOnNoAnswer', payload: { callId, agentId: AGENT_B } });
const legStarted = (at: string, callId: string): Output => ({
  at,
  send: 'CALL_LEG_STARTED',
  to: CCM,
  payload: { reason: 'CONSULT', customerChannelIdentifier: CUSTOMER_ANI, agentId: AGENT_B, callId },
});
const legEnded = (at: string, callId: string): Output => ({
  at,
  send: 'CALL_LEG_ENDED',
  to: CCM,
  payload: { reason: 'CONSULT_ENDED', customerChannelIdentifier: CUSTOMER_ANI, agentId: AGENT_B, callId },
});

const RINGING = ['Alerting', 'Ringing'];
const UNSEEN = ['Alerting', 'RingingUnseen'];
const ON_CALL = ['OnCall', 'CallShown'];
const CALL_UNSEEN = ['OnCall', 'CallUnseen'];

interface Expected {
  readonly seed: string;
  readonly states: readonly (readonly string[])[];
  readonly timers: readonly { readonly timer: string; readonly at: string; readonly taken: boolean }[];
  readonly outputs: readonly Output[];
}

/** Per case: what the seed says happens on B's side, as the replay must show it. */
const CASES: Readonly<Record<string, Expected>> = {
  'a-drops-before-accept': {
    seed: 'A dropped before B accepted it: the alert goes, nothing reaches CCM',
    states: [RINGING, ['AlertGone']],
    timers: [],
    outputs: [alertShown('2024-04-16T09:00:00.284Z', '16777301'), alertRemoved('2024-04-16T09:00:06.455Z', '16777301', 'DROPPED')],
  },
  'a-drops-after-accept': {
    seed: 'A dropped after B accepted it: CALL_LEG_STARTED on acceptance, CALL_LEG_ENDED (CONSULT_ENDED) on the end',
    states: [RINGING, ON_CALL, ['CallOver']],
    timers: [],
    outputs: [alertShown('2024-04-16T09:10:00.301Z', '16777322'), legStarted('2024-04-16T09:10:04.877Z', '16777322'), legEnded('2024-04-16T09:12:31.090Z', '16777322')],
  },
  'b-never-accepts': {
    seed: 'B never accepted it: RONA-B after the RONA interval from the alert, the alert is removed, nothing reaches CCM',
    states: [RINGING, ['AlertGone']],
    timers: [{ timer: 'Alerting#0', at: '2024-04-16T09:20:15.250Z', taken: true }],
    outputs: [alertShown('2024-04-16T09:20:00.250Z', '16777340'), rona('2024-04-16T09:20:15.250Z', '16777340'), alertRemoved('2024-04-16T09:20:15.250Z', '16777340', 'RONA')],
  },
  'b-drops-after-accept': {
    seed: 'B dropped after accepting: CALL_LEG_ENDED (CONSULT_ENDED) on the end',
    states: [RINGING, ON_CALL, ['CallOver']],
    timers: [],
    outputs: [alertShown('2024-04-16T09:30:00.276Z', '16777358'), legStarted('2024-04-16T09:30:03.512Z', '16777358'), legEnded('2024-04-16T09:31:28.740Z', '16777358')],
  },
  'browser-b-restored-while-ringing': {
    seed: 'Browser-B disconnected after the alert and restored within x seconds, still ringing: the alerting is restored',
    states: [RINGING, UNSEEN, RINGING, ON_CALL, ['CallOver']],
    timers: [],
    outputs: [
      alertShown('2024-04-16T10:10:00.310Z', '16777415'),
      alertRestored('2024-04-16T10:10:09.486Z', '16777415'),
      legStarted('2024-04-16T10:10:11.730Z', '16777415'),
      legEnded('2024-04-16T10:11:40.220Z', '16777415'),
    ],
  },
  'browser-b-not-restored': {
    seed: 'Browser-B did not restore within x seconds (here 5 s): RONA-B; the alert is removed when the browser is back',
    states: [RINGING, UNSEEN, ['AlertGoneUnseen'], ['AlertGone']],
    timers: [{ timer: 'RingingUnseen#0', at: '2024-04-16T10:20:07.818Z', taken: true }],
    outputs: [alertShown('2024-04-16T10:20:00.295Z', '16777433'), rona('2024-04-16T10:20:07.818Z', '16777433'), alertRemoved('2024-04-16T10:20:12.960Z', '16777433', 'RONA')],
  },
  'browser-b-rona-while-away': {
    seed: 'Browser-B disconnected after the alert, the call ended due to RONA-B: the alert is removed when the browser is back',
    states: [RINGING, UNSEEN, ['AlertGoneUnseen'], ['AlertGone']],
    // Both RONA timers fall due; only the one for an unseen alert is taken.
    timers: [
      { timer: 'Alerting#0', at: '2024-04-16T10:30:15.264Z', taken: false },
      { timer: 'Alerting#1', at: '2024-04-16T10:30:15.264Z', taken: true },
    ],
    outputs: [alertShown('2024-04-16T10:30:00.264Z', '16777450'), rona('2024-04-16T10:30:15.264Z', '16777450'), alertRemoved('2024-04-16T10:30:17.215Z', '16777450', 'RONA')],
  },
  'browser-b-restored-after-drop': {
    seed: 'Browser-B restored after the consult call dropped: the alert is removed',
    states: [RINGING, UNSEEN, ['AlertGoneUnseen'], ['AlertGone']],
    timers: [],
    outputs: [alertShown('2024-04-16T10:40:00.288Z', '16777468'), alertRemoved('2024-04-16T10:40:09.031Z', '16777468', 'DROPPED')],
  },
  'b-refresh-call-active': {
    seed: 'B refreshes after accepting and the call remains active: nothing is sent for the refresh',
    states: [RINGING, ON_CALL, CALL_UNSEEN, ON_CALL, ['CallOver']],
    timers: [],
    outputs: [alertShown('2024-04-16T10:50:00.305Z', '16777481'), legStarted('2024-04-16T10:50:04.118Z', '16777481'), legEnded('2024-04-16T10:52:10.470Z', '16777481')],
  },
  'b-refresh-call-dropped': {
    seed: 'B refreshes after accepting and the call is dropped: CALL_LEG_ENDED is sent (CCM publishes it)',
    states: [RINGING, ON_CALL, CALL_UNSEEN, ['CallOver']],
    timers: [],
    outputs: [alertShown('2024-04-16T11:00:00.282Z', '16777495'), legStarted('2024-04-16T11:00:05.064Z', '16777495'), legEnded('2024-04-16T11:01:02.805Z', '16777495')],
  },
  'browser-a-away-consult-ended': {
    seed: "Browser-A away while the consult ends: B's desk ends the leg as usual",
    states: [RINGING, ON_CALL, ['CallOver']],
    timers: [],
    outputs: [alertShown('2024-04-16T11:10:00.297Z', '16777512'), legStarted('2024-04-16T11:10:03.880Z', '16777512'), legEnded('2024-04-16T11:10:47.335Z', '16777512')],
  },
};

describe('ConsultTargetDesk logs', () => {
  it('every desk-b log has its expectations here, and every expectation its log', () => {
    expect(logsOf('desk-b').map((l) => l.case)).toEqual(Object.keys(CASES).sort());
  });

  describe.each(Object.entries(CASES))('%s', (name, expected) => {
    it(`passes: ${expected.seed}`, () => {
      const r = desk.get(name);
      expect(r.divergence).toBeUndefined();
      expect(r.problems).toEqual([]);
      expect(r.verdict).toBe('pass');
      expect(r.counts.calls).toBe(1);
    });

    it('visits the states of the case', () => {
      expect(statesVisited(desk.get(name))).toEqual(expected.states);
    });

    it('fires the timers of the case, at their time', () => {
      expect(timerSteps(desk.get(name)).map((t) => ({ timer: t.timer, at: iso(t.time), taken: t.taken.length > 0 }))).toEqual(expected.timers);
    });

    it('sends out what the case says, in order', () => {
      expect(outputs(desk.get(name))).toEqual(expected.outputs);
    });
  });

  it('shows Agent A as the caller of the consult alert, not the customer', () => {
    for (const r of desk.byCase.values()) {
      const shown = outputs(r).find((o) => o.emit === 'AlertShown');
      expect(shown?.payload['callerId']).toBe(AGENT_A_EXTENSION);
      expect(shown?.payload['callerId']).not.toBe(CUSTOMER_ANI);
    }
  });

  it("names the customer's channel by the customer's ANI, and sends to the session of that ANI", () => {
    const sends = [...desk.byCase.values()].flatMap((r) => outputs(r).filter((o) => o.send !== undefined));
    expect(sends.length).toBeGreaterThan(0);
    for (const s of sends) {
      expect(s.payload['customerChannelIdentifier']).toBe(CUSTOMER_ANI);
      expect(s.to).toBe(CCM);
    }
  });

  it('counts RONA from the alert, not from the browser coming back', () => {
    // restored-while-ringing accepts 11.4 s after the alert: within RONA (15 s), so no timer fired.
    expect(timerSteps(desk.get('browser-b-restored-while-ringing'))).toEqual([]);
    // The same log with a 10 s RONA: the alert (at .310) times out at 10.310, after the restore and before the accept.
    const ronaShorter = desk.rerun('browser-b-restored-while-ringing', { ronaInterval: 10_000 });
    expect(timerSteps(ronaShorter).map((t) => [t.timer, iso(t.time)])).toEqual([['Alerting#0', '2024-04-16T10:10:10.310Z']]);
    expect(outputs(ronaShorter).map((o) => o.emit ?? o.send)).toEqual(['AlertShown', 'AlertRestored', 'RedirectOnNoAnswer', 'AlertRemoved']);
  });

  it('is exercised transition by transition by the logs together', () => {
    const covered = coveredTransitions([...desk.byCase.values()]);
    expect(describeTransitions(desk.machine, covered)).toEqual(describeTransitions(desk.machine, desk.machine.transitions.map((t) => t.id)));
  });
});
