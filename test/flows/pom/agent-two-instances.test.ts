/**
 * Seed 001, consult, transfer and conference as two (or more) cooperating
 * Agent instances in one SessionRegistry, on a virtual clock with memory
 * ports. Only the desktop, system and supervisor lines of each log are
 * delivered; everything one agent tells another goes through `send ... to
 * Agent(peerId)`. The run must send exactly the peer lines the log shows, and
 * each instance must go through exactly the states its own replay shows.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnyFlowMachine } from '../../../runtime/machine.js';
import { simulate } from '../../../runtime/simulate/index.js';
import { agentFlow, inputOf, readLog, scenario, SCENARIOS } from './agent-flow.js';
import { runThroughRegistry, type Checkpoint, type RegistryRun } from './agent-registry-run.js';
import { timeline } from './agent-timeline.js';

let machine: AnyFlowMachine;

// Compiling takes a while on a loaded machine: more than the default hook timeout.
beforeAll(async () => {
  ({ machine } = await agentFlow());
}, 60_000);

function run(name: string): RegistryRun {
  return runThroughRegistry(machine, scenario(name));
}

/** The agents' states right after the n-th (1-based) delivered `type` line of `agentId`. */
function after(r: RegistryRun, agentId: string, type: string, n = 1): Checkpoint['states'] | undefined {
  return r.checkpoints.filter((c) => c.agentId === agentId && c.type === type)[n - 1]?.states;
}

const MULTI_AGENT = SCENARIOS.filter((s) => s.agents.length > 1).map((s) => s.name);

describe.each(MULTI_AGENT)('%s through a SessionRegistry', (name) => {
  let r: RegistryRun;

  beforeAll(() => {
    r = run(name);
  });

  it('delivers every line, with no session error', () => {
    expect(r.refused).toEqual([]);
    expect(r.errors).toEqual([]);
  });

  it('sends exactly the peer events the log shows, in order', () => {
    expect(r.logged.length).toBeGreaterThan(0);
    expect(r.sent).toEqual(r.logged);
  });

  it('takes each instance through the states of its own replay', () => {
    for (const agentId of scenario(name).agents) {
      const replayed = timeline(machine, simulate(machine, readLog(name, agentId), { input: inputOf(agentId) }));
      expect(r.timelines.get(agentId), agentId).toEqual(replayed);
    }
  });
});

describe('both agents at the key steps', () => {
  it('consult to an idle agent, then transfer: the initiator goes Idle, the other agent owns the call', () => {
    const r = run('consult-transfer');
    expect(after(r, 'a1001', 'Consult', 1)).toEqual({
      a1001: 'Busy Talking JobAttached',
      a1002: 'NotReady Idle JobAttached',
    });
    expect(after(r, 'a1001', 'Consult', 2)).toEqual({
      a1001: 'Busy Consult.ConsultOwner.ConsultConnected JobAttached',
      a1002: 'Busy Consult.ConsultPassive JobAttached',
    });
    expect(after(r, 'a1001', 'Transfer', 1)).toEqual({
      a1001: 'Ready Idle JobAttached',
      a1002: 'Busy Talking JobAttached',
    });
    // The second consult waits for a1002's wrap-up, then both are in consult.
    expect(after(r, 'a1001', 'Consult', 3)).toEqual({
      a1001: 'Busy Consult.ConsultOwner.ConsultRequested JobAttached',
      a1002: 'Busy Talking JobAttached',
    });
    expect(after(r, 'a1002', 'WrapupContact', 2)).toEqual({
      a1001: 'Busy Consult.ConsultOwner.ConsultConnected JobAttached',
      a1002: 'Busy Consult.ConsultPassive JobAttached',
    });
    expect(r.registry.get('Agent', 'a1002')?.snapshot?.context['contact']).toBe('c-1240-000325');
  });

  it('conference, change of ownership, end by the new owner', () => {
    const r = run('consult-conference');
    expect(after(r, 'a1001', 'Conference')).toEqual({
      a1001: 'Busy ConferenceOwner.ConferenceLive JobAttached',
      a1002: 'Busy ConferencePassive JobAttached',
    });
    expect(after(r, 'a1001', 'ChangeConferenceOwnership')).toEqual({
      a1001: 'Busy ConferencePassive JobAttached',
      a1002: 'Busy ConferenceOwner.ConferenceLive JobAttached',
    });
    expect(after(r, 'a1002', 'EndConference')).toEqual({
      a1001: 'Ready Idle JobAttached',
      a1002: 'Busy Talking JobAttached',
    });
  });

  it('the passive agent ends a conference; the customer drops in the next one', () => {
    const r = run('conference-end');
    expect(after(r, 'a1002', 'EndConference')).toEqual({
      a1001: 'Busy Talking JobAttached',
      a1002: 'Ready Idle JobAttached',
    });
    expect(after(r, 'a1001', 'CustomerHangup')).toEqual({
      a1001: 'WorkNotReady Wrapup.WrapupOpen JobAttached',
      a1002: 'Ready Idle JobAttached',
    });
  });

  it('two consults pending, a third refused, the first delivered after the work', () => {
    const r = run('consult-pending');
    expect(after(r, 'a1004', 'Consult')).toEqual({
      a1001: 'Busy Consult.ConsultOwner.ConsultRequested JobAttached',
      a1002: 'Busy Talking JobAttached',
      a1003: 'Busy Consult.ConsultOwner.ConsultRequested JobAttached',
      a1004: 'Busy Talking JobAttached',
    });
    expect(after(r, 'a1002', 'WrapupContact')).toMatchObject({
      a1001: 'Busy Consult.ConsultOwner.ConsultConnected JobAttached',
      a1002: 'PendingNotReady Consult.ConsultPassive JobAttached',
    });
    expect(after(r, 'a1001', 'CancelConsult')).toMatchObject({
      a1001: 'Busy Talking JobAttached',
      a1002: 'NotReady Idle JobAttached',
    });
  });

  it('the owner releases a passive agent whose nailing dropped', () => {
    const r = run('consult-release-passive');
    expect(after(r, 'a1002', 'NailingDropped')).toMatchObject({
      a1001: 'Busy Consult.ConsultOwner.ConsultConnected JobAttached',
      a1002: 'Busy Consult.ConsultPassive JobAttached',
    });
    expect(after(r, 'a1001', 'CancelConsult', 1)).toMatchObject({ a1001: 'Busy Talking JobAttached', a1002: 'Ready Idle JobAttached' });
    expect(after(r, 'a1003', 'NailingDropped')).toMatchObject({
      a1001: 'Busy ConferenceOwner.ConferenceLive JobAttached',
      a1003: 'Busy ConferencePassive JobAttached',
    });
    expect(after(r, 'a1001', 'EndConference')).toMatchObject({ a1001: 'Busy Talking JobAttached', a1003: 'Ready Idle JobAttached' });
  });

  it('an external transfer from a conference releases the passive agent', () => {
    const r = run('external-transfer');
    expect(after(r, 'a1001', 'ExternalTransfer', 2)).toEqual({
      a1001: 'WorkNotReady Wrapup.WrapupOpen JobAttached',
      a1002: 'Ready Idle JobAttached',
    });
  });
});
