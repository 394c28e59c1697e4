/**
 * Seed 001, pending consults (at most two while busy, a third refused, a
 * pending one rejected or withdrawn, delivered when the agent finishes its
 * current work) and the owner's end of a consult or conference, including
 * the release of a passive agent whose nailing dropped. Each agent's lines
 * are replayed through its own instance of the Agent flow.
 */
import { describe, expect, it } from 'vitest';
import { replayAgent } from './agent-replay.js';

describe('consult-pending', () => {
  it('a1001: is queued first, gets the consult when a1002 finishes its wrap-up, then cancels it', async () => {
    const { lines } = await replayAgent('consult-pending', 'a1001');
    expect(lines).toEqual([
      'Login -> NotReady Idle JobDetached',
      'Ready -> Ready Idle JobDetached',
      'NailingRequested -> Ready Idle PendingJobAttach',
      'Nailed -> Ready Idle JobAttached ! AttachedToJob(1250)',
      'CallConnected -> Busy Talking JobAttached ! Activity(Call Connect, c-1250-000601)',
      'Consult -> Busy Consult.ConsultOwner.ConsultRequested JobAttached ! HoldApplication(play, hold-music, c-1250-000601)',
      'ConsultQueued -> Busy Consult.ConsultOwner.ConsultRequested JobAttached ! ConsultPending(a1002, 1)',
      'ConsultAccepted -> Busy Consult.ConsultOwner.ConsultConnected JobAttached',
      'CancelConsult -> Busy Talking JobAttached ! HoldApplication(stop, hold-music, c-1250-000601)',
      'CustomerHangup -> WorkNotReady Wrapup.WrapupOpen JobAttached ! WrapupStarted(c-1250-000601, 30000, 2, Default)',
      'WrapupContact -> Ready Idle JobAttached ! Disposed(c-1250-000601, Sale, agent)',
      'NotReady -> NotReady Idle JobAttached',
      'Logout -> Logout',
    ]);
  });

  it('a1002: keeps two consults pending, refuses a third, ignores Release From Outbound meanwhile (P_POMAGT50), rejects one, takes the other after its work, then goes Not Ready', async () => {
    const { lines } = await replayAgent('consult-pending', 'a1002');
    expect(lines).toEqual([
      'Login -> NotReady Idle JobDetached',
      'Ready -> Ready Idle JobDetached',
      'NailingRequested -> Ready Idle PendingJobAttach',
      'Nailed -> Ready Idle JobAttached ! AttachedToJob(1250)',
      'CallConnected -> Busy Talking JobAttached ! Activity(Call Connect, c-1250-000600)',
      'ConsultRequest -> Busy Talking JobAttached ! PendingConsult(a1001, 1)',
      'ConsultRequest -> Busy Talking JobAttached ! PendingConsult(a1003, 2)',
      'ConsultRequest -> Busy Talking JobAttached',
      'ReleaseFromOutbound -> Busy Talking JobAttached ! PomEvent(P_POMAGT50, Release From Outbound ignored: pending callback or consult)',
      'RejectPendingConsult -> Busy Talking JobAttached',
      'NotReady -> PendingNotReady Talking JobAttached',
      'CustomerHangup -> WorkNotReady Wrapup.WrapupOpen JobAttached ! WrapupStarted(c-1250-000600, 30000, 2, Default)',
      'WrapupContact -> PendingNotReady Consult.ConsultPassive JobAttached ! Disposed(c-1250-000600, Sale, agent)',
      'ConsultCancelled -> NotReady Idle JobAttached',
      'Logout -> Logout',
    ]);
  });

  it('a1003: is queued second and rejected', async () => {
    const { lines } = await replayAgent('consult-pending', 'a1003');
    expect(lines).toEqual([
      'Login -> NotReady Idle JobDetached',
      'Ready -> Ready Idle JobDetached',
      'NailingRequested -> Ready Idle PendingJobAttach',
      'Nailed -> Ready Idle JobAttached ! AttachedToJob(1250)',
      'CallConnected -> Busy Talking JobAttached ! Activity(Call Connect, c-1250-000602)',
      'Consult -> Busy Consult.ConsultOwner.ConsultRequested JobAttached ! HoldApplication(play, hold-music, c-1250-000602)',
      'ConsultQueued -> Busy Consult.ConsultOwner.ConsultRequested JobAttached ! ConsultPending(a1002, 2)',
      'ConsultRefused -> Busy Talking JobAttached ! HoldApplication(stop, hold-music, c-1250-000602), ConsultFailed(a1002, rejected)',
      'HangupCall -> WorkNotReady Wrapup.WrapupOpen JobAttached ! WrapupStarted(c-1250-000602, 30000, 2, Default)',
      'WrapupContact -> Ready Idle JobAttached ! Disposed(c-1250-000602, Interested, agent)',
      'NotReady -> NotReady Idle JobAttached',
      'Logout -> Logout',
    ]);
  });

  it('a1004: is refused: two consults are already pending', async () => {
    const { lines } = await replayAgent('consult-pending', 'a1004');
    expect(lines).toEqual([
      'Login -> NotReady Idle JobDetached',
      'Ready -> Ready Idle JobDetached',
      'NailingRequested -> Ready Idle PendingJobAttach',
      'Nailed -> Ready Idle JobAttached ! AttachedToJob(1250)',
      'CallConnected -> Busy Talking JobAttached ! Activity(Call Connect, c-1250-000603)',
      'Consult -> Busy Consult.ConsultOwner.ConsultRequested JobAttached ! HoldApplication(play, hold-music, c-1250-000603)',
      'ConsultRefused -> Busy Talking JobAttached ! HoldApplication(stop, hold-music, c-1250-000603), ConsultFailed(a1002, two consults already pending)',
      'CustomerHangup -> WorkNotReady Wrapup.WrapupOpen JobAttached ! WrapupStarted(c-1250-000603, 30000, 2, Default)',
      'WrapupContact -> Ready Idle JobAttached ! Disposed(c-1250-000603, Not interested, agent)',
      'NotReady -> NotReady Idle JobAttached',
      'Logout -> Logout',
    ]);
  });
});

describe('consult-pending-withdrawn', () => {
  it('a1001: is rejected while first in the queue, asks again and is left by the passive agent', async () => {
    const { lines } = await replayAgent('consult-pending-withdrawn', 'a1001');
    expect(lines).toEqual([
      'Login -> NotReady Idle JobDetached',
      'Ready -> Ready Idle JobDetached',
      'NailingRequested -> Ready Idle PendingJobAttach',
      'Nailed -> Ready Idle JobAttached ! AttachedToJob(1250)',
      'CallConnected -> Busy Talking JobAttached ! Activity(Call Connect, c-1250-000701)',
      'Consult -> Busy Consult.ConsultOwner.ConsultRequested JobAttached ! HoldApplication(play, hold-music, c-1250-000701)',
      'ConsultQueued -> Busy Consult.ConsultOwner.ConsultRequested JobAttached ! ConsultPending(a1002, 1)',
      'ConsultRefused -> Busy Talking JobAttached ! HoldApplication(stop, hold-music, c-1250-000701), ConsultFailed(a1002, rejected)',
      'Consult -> Busy Consult.ConsultOwner.ConsultRequested JobAttached ! HoldApplication(play, hold-music, c-1250-000701)',
      'ConsultQueued -> Busy Consult.ConsultOwner.ConsultRequested JobAttached ! ConsultPending(a1002, 1)',
      'ConsultAccepted -> Busy Consult.ConsultOwner.ConsultConnected JobAttached',
      'PeerLeft -> Busy Talking JobAttached ! HoldApplication(stop, hold-music, c-1250-000701)',
      'CustomerHangup -> WorkNotReady Wrapup.WrapupOpen JobAttached ! WrapupStarted(c-1250-000701, 30000, 2, Default)',
      'WrapupContact -> Ready Idle JobAttached ! Disposed(c-1250-000701, Interested, agent)',
      'NotReady -> NotReady Idle JobAttached',
      'Logout -> Logout',
    ]);
  });

  it('a1002: drops the consults their agents withdrew, takes the remaining one after its wrap-up with its logout still pending, and logs out when it leaves the consult', async () => {
    const { lines } = await replayAgent('consult-pending-withdrawn', 'a1002');
    expect(lines).toEqual([
      'Login -> NotReady Idle JobDetached',
      'Ready -> Ready Idle JobDetached',
      'NailingRequested -> Ready Idle PendingJobAttach',
      'Nailed -> Ready Idle JobAttached ! AttachedToJob(1250)',
      'CallConnected -> Busy Talking JobAttached ! Activity(Call Connect, c-1250-000700)',
      'PendingLogout -> PendingLogout Talking JobAttached',
      'ConsultRequest -> PendingLogout Talking JobAttached ! PendingConsult(a1001, 1)',
      'ConsultRequest -> PendingLogout Talking JobAttached ! PendingConsult(a1003, 2)',
      'RejectPendingConsult -> PendingLogout Talking JobAttached',
      'ConsultCancelled -> PendingLogout Talking JobAttached',
      'ConsultRequest -> PendingLogout Talking JobAttached ! PendingConsult(a1001, 1)',
      'ConsultRequest -> PendingLogout Talking JobAttached ! PendingConsult(a1003, 2)',
      'ConsultCancelled -> PendingLogout Talking JobAttached',
      'CustomerHangup -> WorkNotReady Wrapup.WrapupOpen JobAttached ! WrapupStarted(c-1250-000700, 30000, 2, Default)',
      'WrapupContact -> PendingLogout Consult.ConsultPassive JobAttached ! Disposed(c-1250-000700, Sale, agent)',
      'HangupCall -> Logout',
    ]);
  });

  it('a1003: withdraws its pending consult, asks again, and the customer hangs up while it waits', async () => {
    const { lines } = await replayAgent('consult-pending-withdrawn', 'a1003');
    expect(lines).toEqual([
      'Login -> NotReady Idle JobDetached',
      'Ready -> Ready Idle JobDetached',
      'NailingRequested -> Ready Idle PendingJobAttach',
      'Nailed -> Ready Idle JobAttached ! AttachedToJob(1250)',
      'CallConnected -> Busy Talking JobAttached ! Activity(Call Connect, c-1250-000702)',
      'Consult -> Busy Consult.ConsultOwner.ConsultRequested JobAttached ! HoldApplication(play, hold-music, c-1250-000702)',
      'ConsultQueued -> Busy Consult.ConsultOwner.ConsultRequested JobAttached ! ConsultPending(a1002, 2)',
      'CancelConsult -> Busy Talking JobAttached ! HoldApplication(stop, hold-music, c-1250-000702)',
      'Consult -> Busy Consult.ConsultOwner.ConsultRequested JobAttached ! HoldApplication(play, hold-music, c-1250-000702)',
      'ConsultQueued -> Busy Consult.ConsultOwner.ConsultRequested JobAttached ! ConsultPending(a1002, 2)',
      'CustomerHangup -> WorkNotReady Wrapup.WrapupOpen JobAttached ! HoldApplication(stop, hold-music, c-1250-000702), WrapupStarted(c-1250-000702, 30000, 2, Default)',
      'WrapupContact -> Ready Idle JobAttached ! Disposed(c-1250-000702, Customer hung up, agent)',
      'NotReady -> NotReady Idle JobAttached',
      'Logout -> Logout',
    ]);
  });
});

describe('consult-release-passive', () => {
  it('a1001: releases passive agents whose nailing dropped by cancelling the consult and ending the conference', async () => {
    const { lines } = await replayAgent('consult-release-passive', 'a1001');
    expect(lines).toEqual([
      'Login -> NotReady Idle JobDetached',
      'Ready -> Ready Idle JobDetached',
      'NailingRequested -> Ready Idle PendingJobAttach',
      'Nailed -> Ready Idle JobAttached ! AttachedToJob(1260)',
      'CallConnected -> Busy Talking JobAttached ! Activity(Call Connect, c-1260-000800)',
      'Consult -> Busy Consult.ConsultOwner.ConsultRequested JobAttached ! HoldApplication(play, hold-music, c-1260-000800)',
      'ConsultAccepted -> Busy Consult.ConsultOwner.ConsultConnected JobAttached',
      'CancelConsult -> Busy Talking JobAttached ! HoldApplication(stop, hold-music, c-1260-000800)',
      'Consult -> Busy Consult.ConsultOwner.ConsultRequested JobAttached ! HoldApplication(play, hold-music, c-1260-000800)',
      'ConsultAccepted -> Busy Consult.ConsultOwner.ConsultConnected JobAttached',
      'Conference -> Busy ConferenceOwner.ConferenceLive JobAttached ! HoldApplication(stop, hold-music, c-1260-000800)',
      'EndConference -> Busy Talking JobAttached',
      'Consult -> Busy Consult.ConsultOwner.ConsultRequested JobAttached ! HoldApplication(play, hold-music, c-1260-000800)',
      'ConsultAccepted -> Busy Consult.ConsultOwner.ConsultConnected JobAttached',
      'CancelConsult -> Busy Talking JobAttached ! HoldApplication(stop, hold-music, c-1260-000800)',
      'CustomerHangup -> WorkNotReady Wrapup.WrapupOpen JobAttached ! WrapupStarted(c-1260-000800, 30000, 2, Default)',
      'WrapupContact -> Ready Idle JobAttached ! Disposed(c-1260-000800, Interested, agent)',
      'NotReady -> NotReady Idle JobAttached',
      'Logout -> Logout',
    ]);
  });

  it('a1002: stays in the consult when its nailing drops (POM cannot see it) until the owner cancels', async () => {
    const { lines } = await replayAgent('consult-release-passive', 'a1002');
    expect(lines).toEqual([
      'Login -> NotReady Idle JobDetached',
      'Ready -> Ready Idle JobDetached',
      'NailingRequested -> Ready Idle PendingJobAttach',
      'Nailed -> Ready Idle JobAttached ! AttachedToJob(1260)',
      'ConsultRequest -> Busy Consult.ConsultPassive JobAttached',
      'NailingDropped -> Busy Consult.ConsultPassive JobAttached',
      'ConsultCancelled -> Ready Idle JobAttached',
      'NotReady -> NotReady Idle JobAttached',
      'Logout -> Logout',
    ]);
  });

  it('a1003: stays in the conference when its nailing drops until the owner ends it; a consult pending during a consult is given when that consult ends', async () => {
    const { lines } = await replayAgent('consult-release-passive', 'a1003');
    expect(lines).toEqual([
      'Login -> NotReady Idle JobDetached',
      'Ready -> Ready Idle JobDetached',
      'NailingRequested -> Ready Idle PendingJobAttach',
      'Nailed -> Ready Idle JobAttached ! AttachedToJob(1260)',
      'ConsultRequest -> Busy Consult.ConsultPassive JobAttached',
      'ConferenceJoined -> Busy ConferencePassive JobAttached',
      'NailingDropped -> Busy ConferencePassive JobAttached',
      'ConferenceEnded -> Ready Idle JobAttached',
      'ConsultRequest -> Busy Consult.ConsultPassive JobAttached',
      'ConsultRequest -> Busy Consult.ConsultPassive JobAttached ! PendingConsult(a1004, 1)',
      'ConsultCancelled -> Busy Consult.ConsultPassive JobAttached',
      'ConsultCancelled -> Ready Idle JobAttached',
      'NotReady -> NotReady Idle JobAttached',
      'Logout -> Logout',
    ]);
  });

  it('a1004: gets the consult a1003 was holding for it, then hangs up during the consult', async () => {
    const { lines } = await replayAgent('consult-release-passive', 'a1004');
    expect(lines).toEqual([
      'Login -> NotReady Idle JobDetached',
      'Ready -> Ready Idle JobDetached',
      'NailingRequested -> Ready Idle PendingJobAttach',
      'Nailed -> Ready Idle JobAttached ! AttachedToJob(1260)',
      'CallConnected -> Busy Talking JobAttached ! Activity(Call Connect, c-1260-000801)',
      'Consult -> Busy Consult.ConsultOwner.ConsultRequested JobAttached ! HoldApplication(play, hold-music, c-1260-000801)',
      'ConsultQueued -> Busy Consult.ConsultOwner.ConsultRequested JobAttached ! ConsultPending(a1003, 1)',
      'ConsultAccepted -> Busy Consult.ConsultOwner.ConsultConnected JobAttached',
      'HangupCall -> WorkNotReady Wrapup.WrapupOpen JobAttached ! HoldApplication(stop, hold-music, c-1260-000801), WrapupStarted(c-1260-000801, 30000, 2, Default)',
      'WrapupContact -> Ready Idle JobAttached ! Disposed(c-1260-000801, Sale, agent)',
      'NotReady -> NotReady Idle JobAttached',
      'Logout -> Logout',
    ]);
  });
});

describe('owner-call-ends', () => {
  it('a1001: as owner, ends the call in a conference and in a consult (hangup, nailing drop, customer hangup): wrap-up, the passive agent is released', async () => {
    const { lines } = await replayAgent('owner-call-ends', 'a1001');
    expect(lines).toEqual([
      'Login -> NotReady Idle JobDetached',
      'Ready -> Ready Idle JobDetached',
      'NailingRequested -> Ready Idle PendingJobAttach',
      'Nailed -> Ready Idle JobAttached ! AttachedToJob(1260)',
      'CallConnected -> Busy Talking JobAttached ! Activity(Call Connect, c-1260-000900)',
      'Consult -> Busy Consult.ConsultOwner.ConsultRequested JobAttached ! HoldApplication(play, hold-music, c-1260-000900)',
      'ConsultAccepted -> Busy Consult.ConsultOwner.ConsultConnected JobAttached',
      'Conference -> Busy ConferenceOwner.ConferenceLive JobAttached ! HoldApplication(stop, hold-music, c-1260-000900)',
      'ConferenceEnded -> Busy Talking JobAttached',
      'Consult -> Busy Consult.ConsultOwner.ConsultRequested JobAttached ! HoldApplication(play, hold-music, c-1260-000900)',
      'ConsultAccepted -> Busy Consult.ConsultOwner.ConsultConnected JobAttached',
      'Conference -> Busy ConferenceOwner.ConferenceLive JobAttached ! HoldApplication(stop, hold-music, c-1260-000900)',
      'HangupCall -> WorkNotReady Wrapup.WrapupOpen JobAttached ! WrapupStarted(c-1260-000900, 30000, 2, Default)',
      'WrapupContact -> Ready Idle JobAttached ! Disposed(c-1260-000900, Sale, agent)',
      'CallConnected -> Busy Talking JobAttached ! Activity(Call Connect, c-1260-000901)',
      'Consult -> Busy Consult.ConsultOwner.ConsultRequested JobAttached ! HoldApplication(play, hold-music, c-1260-000901)',
      'ConsultAccepted -> Busy Consult.ConsultOwner.ConsultConnected JobAttached',
      'Conference -> Busy ConferenceOwner.ConferenceLive JobAttached ! HoldApplication(stop, hold-music, c-1260-000901)',
      'NailingDropped -> WorkNotReady Wrapup.WrapupOpen JobAttached ! WrapupStarted(c-1260-000901, 30000, 2, Default)',
      'WrapupContact -> Ready Idle JobAttached ! Disposed(c-1260-000901, Agent disconnected, agent)',
      'CallConnected -> Busy Talking JobAttached ! Activity(Call Connect, c-1260-000902)',
      'Consult -> Busy Consult.ConsultOwner.ConsultRequested JobAttached ! HoldApplication(play, hold-music, c-1260-000902)',
      'ConsultAccepted -> Busy Consult.ConsultOwner.ConsultConnected JobAttached',
      'CustomerHangup -> WorkNotReady Wrapup.WrapupOpen JobAttached ! HoldApplication(stop, hold-music, c-1260-000902), WrapupStarted(c-1260-000902, 30000, 2, Default)',
      'WrapupContact -> Ready Idle JobAttached ! Disposed(c-1260-000902, Customer hung up, agent)',
      'CallConnected -> Busy Talking JobAttached ! Activity(Call Connect, c-1260-000903)',
      'Consult -> Busy Consult.ConsultOwner.ConsultRequested JobAttached ! HoldApplication(play, hold-music, c-1260-000903)',
      'ConsultAccepted -> Busy Consult.ConsultOwner.ConsultConnected JobAttached',
      'NailingDropped -> WorkNotReady Wrapup.WrapupOpen JobAttached ! HoldApplication(stop, hold-music, c-1260-000903), WrapupStarted(c-1260-000903, 30000, 2, Default)',
      'WrapupContact -> Ready Idle JobAttached ! Disposed(c-1260-000903, Agent disconnected, agent)',
      'NotReady -> NotReady Idle JobAttached',
      'Logout -> Logout',
    ]);
  });

  it('a1002: leaves a conference by hanging up; is released whenever the call of its owner ends', async () => {
    const { lines } = await replayAgent('owner-call-ends', 'a1002');
    expect(lines).toEqual([
      'Login -> NotReady Idle JobDetached',
      'Ready -> Ready Idle JobDetached',
      'NailingRequested -> Ready Idle PendingJobAttach',
      'Nailed -> Ready Idle JobAttached ! AttachedToJob(1260)',
      'ConsultRequest -> Busy Consult.ConsultPassive JobAttached',
      'ConferenceJoined -> Busy ConferencePassive JobAttached',
      'HangupCall -> Ready Idle JobAttached',
      'ConsultRequest -> Busy Consult.ConsultPassive JobAttached',
      'ConferenceJoined -> Busy ConferencePassive JobAttached',
      'ConferenceEnded -> Ready Idle JobAttached',
      'ConsultRequest -> Busy Consult.ConsultPassive JobAttached',
      'ConferenceJoined -> Busy ConferencePassive JobAttached',
      'ConferenceEnded -> Ready Idle JobAttached',
      'ConsultRequest -> Busy Consult.ConsultPassive JobAttached',
      'CustomerHangup -> Busy Consult.ConsultPassive JobAttached',
      'ConsultCancelled -> Ready Idle JobAttached',
      'ConsultRequest -> Busy Consult.ConsultPassive JobAttached',
      'ConsultCancelled -> Ready Idle JobAttached',
      'NotReady -> NotReady Idle JobAttached',
      'Logout -> Logout',
    ]);
  });
});

