/**
 * Seed 001, the agent session: Login, Ready, Not Ready with reason codes and
 * walkaway, Logout only from Not Ready, Pending Logout. Each log is replayed
 * with simulate(); a line reads `event -> agent call job ! emitted events`.
 */
import { describe, expect, it } from 'vitest';
import { agentFlow, scenario } from './agent-flow.js';
import { runThroughRegistry } from './agent-registry-run.js';
import { replayAgent } from './agent-replay.js';

describe('session-ready-not-ready', () => {
  it('logs in Not Ready, goes Ready, changes the Not Ready reason, raises P_POMAGT16 on walkaway, logs out only from Not Ready', async () => {
    const { lines } = await replayAgent('session-ready-not-ready', 'a1001');
    expect(lines).toEqual([
      'Login -> NotReady Idle JobDetached',
      'Ready -> Ready Idle JobDetached',
      'NotReady -> NotReady Idle JobDetached',
      // The same command in Not Ready with a new reason code changes the reason.
      'NotReady -> NotReady Idle JobDetached ! ReasonChanged(Lunch)',
      'Ready -> Ready Idle JobDetached',
      // Walkaway: the desktop saw no activity; POM raises the major alarm.
      'NotReady -> NotReady Idle JobDetached ! Alarm(P_POMAGT16, major)',
      'Logout -> Logout',
      // The same instance serves the agent's next session.
      'Login -> NotReady Idle JobDetached',
      'Ready -> Ready Idle JobDetached',
      'Logout -> Ready Idle JobDetached ! CommandRejected(Logout, only a Not Ready agent may log out)',
      // Pending Logout of an idle agent: nothing to wait for.
      'PendingLogout -> Logout',
      'Login -> NotReady Idle JobDetached',
      'NotReady -> NotReady Idle JobDetached ! ReasonChanged(Idle on desktop), Alarm(P_POMAGT16, major)',
      'PendingLogout -> Logout',
    ]);
  });

  it('keeps the reason code and the Login properties of the session (skills are read at Login only)', async () => {
    const { machine } = await agentFlow();
    const run = runThroughRegistry(machine, scenario('session-ready-not-ready'));
    expect(run.errors).toEqual([]);
    const context = run.registry.get('Agent', 'a1001')?.snapshot?.context;
    expect(context).toMatchObject({ reasonCode: 'Idle on desktop', extension: '5001', zone: 'east', skills: 'outbound,renewals' });
  });
});

describe('pending-logout', () => {
  it('logs a busy agent out when its work is over: from Busy, from Pending Not Ready, and during the wrap-up', async () => {
    const { lines } = await replayAgent('pending-logout', 'a1001');
    expect(lines).toEqual([
      'Login -> NotReady Idle JobDetached',
      'Ready -> Ready Idle JobDetached',
      'NailingRequested -> Ready Idle PendingJobAttach',
      'Nailed -> Ready Idle JobAttached ! AttachedToJob(1230)',
      'CallConnected -> Busy Talking JobAttached ! Activity(Call Connect, c-1230-000100)',
      'PendingLogout -> PendingLogout Talking JobAttached',
      // The customer call ends: Wrapup and Work Not Ready, with the logout still pending.
      'CustomerHangup -> WorkNotReady Wrapup.WrapupOpen JobAttached ! WrapupStarted(c-1230-000100, 30000, 2, Default)',
      'Redial -> PendingLogout Dialing JobAttached',
      'CustomerAnswered -> PendingLogout Talking JobAttached ! Activity(Call Connect, c-1230-000100)',
      'CustomerHangup -> WorkNotReady Wrapup.WrapupOpen JobAttached ! WrapupStarted(c-1230-000100, 30000, 2, Default)',
      'WrapupContact -> Logout ! Disposed(c-1230-000100, Sale, agent)',
      'Login -> NotReady Idle JobDetached',
      'Ready -> Ready Idle JobDetached',
      'NailingRequested -> Ready Idle PendingJobAttach',
      'Nailed -> Ready Idle JobAttached ! AttachedToJob(1230)',
      'CallConnected -> Busy Talking JobAttached ! Activity(Call Connect, c-1230-000131)',
      'NotReady -> PendingNotReady Talking JobAttached',
      'PendingLogout -> PendingLogout Talking JobAttached',
      'HangupCall -> WorkNotReady Wrapup.WrapupOpen JobAttached ! WrapupStarted(c-1230-000131, 30000, 2, Default)',
      'WrapupContact -> Logout ! Disposed(c-1230-000131, No answer, agent)',
      'Login -> NotReady Idle JobDetached',
      'Ready -> Ready Idle JobDetached',
      'NailingRequested -> Ready Idle PendingJobAttach',
      'Nailed -> Ready Idle JobAttached ! AttachedToJob(1230)',
      'CallConnected -> Busy Talking JobAttached ! Activity(Call Connect, c-1230-000177)',
      'HangupCall -> WorkNotReady Wrapup.WrapupOpen JobAttached ! WrapupStarted(c-1230-000177, 30000, 2, Default)',
      'PendingLogout -> WorkNotReady Wrapup.WrapupOpen JobAttached',
      // A Not Ready request does not cancel the pending logout.
      'NotReady -> WorkNotReady Wrapup.WrapupOpen JobAttached (ignored)',
      'WrapupContact -> Logout ! Disposed(c-1230-000177, Sale, agent)',
    ]);
  });
});
