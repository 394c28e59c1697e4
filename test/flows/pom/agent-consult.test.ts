/**
 * Seed 001, consult, transfer and conference between two agents: each
 * agent's lines of the log replayed through its own instance of the Agent
 * flow. The peer lines (ConsultRequest, ConsultAccepted, CallTransferred,
 * ConferenceJoined, ...) are what the other instance sent; that they are
 * exactly what the flow sends is checked in agent-two-instances.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { replayAgent } from './agent-replay.js';

describe('consult-transfer', () => {
  it('a1001: consults a Not Ready agent (refused), then an idle one, transfers and goes Idle; later consults it while busy (pending) and transfers again', async () => {
    const { lines } = await replayAgent('consult-transfer', 'a1001');
    expect(lines).toEqual([
      'Login -> NotReady Idle JobDetached',
      'Ready -> Ready Idle JobDetached',
      'NailingRequested -> Ready Idle PendingJobAttach',
      'Nailed -> Ready Idle JobAttached ! AttachedToJob(1240)',
      'CallConnected -> Busy Talking JobAttached ! Activity(Call Connect, c-1240-000301)',
      'Consult -> Busy Consult.ConsultOwner.ConsultRequested JobAttached ! HoldApplication(play, hold-music, c-1240-000301)',
      'ConsultRefused -> Busy Talking JobAttached ! HoldApplication(stop, hold-music, c-1240-000301), ConsultFailed(a1002, agent not ready)',
      'Consult -> Busy Consult.ConsultOwner.ConsultRequested JobAttached ! HoldApplication(play, hold-music, c-1240-000301)',
      'ConsultAccepted -> Busy Consult.ConsultOwner.ConsultConnected JobAttached',
      'Transfer -> Ready Idle JobAttached ! HoldApplication(stop, hold-music, c-1240-000301)',
      'CallConnected -> Busy Talking JobAttached ! Activity(Call Connect, c-1240-000325)',
      'Consult -> Busy Consult.ConsultOwner.ConsultRequested JobAttached ! HoldApplication(play, hold-music, c-1240-000325)',
      'ConsultQueued -> Busy Consult.ConsultOwner.ConsultRequested JobAttached ! ConsultPending(a1002, 1)',
      'ConsultAccepted -> Busy Consult.ConsultOwner.ConsultConnected JobAttached',
      'Transfer -> Ready Idle JobAttached ! HoldApplication(stop, hold-music, c-1240-000325)',
      'NotReady -> NotReady Idle JobAttached',
      'Logout -> Logout',
    ]);
  });

  it('a1002: refuses a consult while Not Ready, goes straight to Consult when idle, owns and wraps up the transferred call; a consult while busy waits for its wrap-up', async () => {
    const { lines } = await replayAgent('consult-transfer', 'a1002');
    expect(lines).toEqual([
      'Login -> NotReady Idle JobDetached',
      'Ready -> Ready Idle JobDetached',
      'NailingRequested -> Ready Idle PendingJobAttach',
      'Nailed -> Ready Idle JobAttached ! AttachedToJob(1240)',
      'NotReady -> NotReady Idle JobAttached',
      'ConsultRequest -> NotReady Idle JobAttached',
      'Ready -> Ready Idle JobAttached',
      'ConsultRequest -> Busy Consult.ConsultPassive JobAttached',
      'CallTransferred -> Busy Talking JobAttached ! Activity(Call Continue (transferred), c-1240-000301)',
      'CustomerHangup -> WorkNotReady Wrapup.WrapupOpen JobAttached ! WrapupStarted(c-1240-000301, 30000, 2, Default)',
      'WrapupContact -> Ready Idle JobAttached ! Disposed(c-1240-000301, Renewed, agent)',
      'CallConnected -> Busy Talking JobAttached ! Activity(Call Connect, c-1240-000322)',
      'ConsultRequest -> Busy Talking JobAttached ! PendingConsult(a1001, 1)',
      'CustomerHangup -> WorkNotReady Wrapup.WrapupOpen JobAttached ! WrapupStarted(c-1240-000322, 30000, 2, Default)',
      'WrapupContact -> Busy Consult.ConsultPassive JobAttached ! Disposed(c-1240-000322, Interested, agent)',
      'CallTransferred -> Busy Talking JobAttached ! Activity(Call Continue (transferred), c-1240-000325)',
      'HangupCall -> WorkNotReady Wrapup.WrapupOpen JobAttached ! WrapupStarted(c-1240-000325, 30000, 2, Default)',
      'WrapupContact -> Ready Idle JobAttached ! Disposed(c-1240-000325, Sale, agent)',
      'NotReady -> NotReady Idle JobAttached',
      'Logout -> Logout',
    ]);
  });
});

describe('consult-conference', () => {
  it('a1001: conferences as owner, holds the customer in the conference, gives the ownership away and is released to Idle when the new owner ends the conference', async () => {
    const { lines } = await replayAgent('consult-conference', 'a1001');
    expect(lines).toEqual([
      'Login -> NotReady Idle JobDetached',
      'Ready -> Ready Idle JobDetached',
      'NailingRequested -> Ready Idle PendingJobAttach',
      'Nailed -> Ready Idle JobAttached ! AttachedToJob(1240)',
      'CallConnected -> Busy Talking JobAttached ! Activity(Call Connect, c-1240-000410)',
      'Consult -> Busy Consult.ConsultOwner.ConsultRequested JobAttached ! HoldApplication(play, hold-music, c-1240-000410)',
      'ConsultAccepted -> Busy Consult.ConsultOwner.ConsultConnected JobAttached',
      'Conference -> Busy ConferenceOwner.ConferenceLive JobAttached ! HoldApplication(stop, hold-music, c-1240-000410)',
      'HoldCall -> Busy ConferenceOwner.ConferenceHold JobAttached ! HoldApplication(play, hold-music, c-1240-000410)',
      'UnholdCall -> Busy ConferenceOwner.ConferenceLive JobAttached ! HoldApplication(stop, hold-music, c-1240-000410)',
      'ChangeConferenceOwnership -> Busy ConferencePassive JobAttached',
      'ConferenceEnded -> Ready Idle JobAttached',
      'NotReady -> NotReady Idle JobAttached',
      'Logout -> Logout',
    ]);
  });

  it('a1002: joins as passive, becomes owner, ends the conference (Talking) and wraps the call up', async () => {
    const { lines } = await replayAgent('consult-conference', 'a1002');
    expect(lines).toEqual([
      'Login -> NotReady Idle JobDetached',
      'Ready -> Ready Idle JobDetached',
      'NailingRequested -> Ready Idle PendingJobAttach',
      'Nailed -> Ready Idle JobAttached ! AttachedToJob(1240)',
      'ConsultRequest -> Busy Consult.ConsultPassive JobAttached',
      'ConferenceJoined -> Busy ConferencePassive JobAttached',
      'OwnershipGiven -> Busy ConferenceOwner.ConferenceLive JobAttached',
      'EndConference -> Busy Talking JobAttached',
      'CustomerHangup -> WorkNotReady Wrapup.WrapupOpen JobAttached ! WrapupStarted(c-1240-000410, 30000, 2, Default)',
      'WrapupContact -> Ready Idle JobAttached ! Disposed(c-1240-000410, Escalated, agent)',
      'NotReady -> NotReady Idle JobAttached',
      'Logout -> Logout',
    ]);
  });
});

describe('conference-end', () => {
  it('a1001: goes back to Talking when the passive agent ends the conference, and to Wrapup when the customer drops', async () => {
    const { lines } = await replayAgent('conference-end', 'a1001');
    expect(lines).toEqual([
      'Login -> NotReady Idle JobDetached',
      'Ready -> Ready Idle JobDetached',
      'NailingRequested -> Ready Idle PendingJobAttach',
      'Nailed -> Ready Idle JobAttached ! AttachedToJob(1240)',
      'CallConnected -> Busy Talking JobAttached ! Activity(Call Connect, c-1240-000520)',
      'Consult -> Busy Consult.ConsultOwner.ConsultRequested JobAttached ! HoldApplication(play, hold-music, c-1240-000520)',
      'ConsultAccepted -> Busy Consult.ConsultOwner.ConsultConnected JobAttached',
      'Conference -> Busy ConferenceOwner.ConferenceLive JobAttached ! HoldApplication(stop, hold-music, c-1240-000520)',
      'ConferenceEnded -> Busy Talking JobAttached',
      'Consult -> Busy Consult.ConsultOwner.ConsultRequested JobAttached ! HoldApplication(play, hold-music, c-1240-000520)',
      'ConsultAccepted -> Busy Consult.ConsultOwner.ConsultConnected JobAttached',
      'Conference -> Busy ConferenceOwner.ConferenceLive JobAttached ! HoldApplication(stop, hold-music, c-1240-000520)',
      'CustomerHangup -> WorkNotReady Wrapup.WrapupOpen JobAttached ! WrapupStarted(c-1240-000520, 30000, 2, Default)',
      'WrapupContact -> Ready Idle JobAttached ! Disposed(c-1240-000520, Sale, agent)',
      'NotReady -> NotReady Idle JobAttached',
      'Logout -> Logout',
    ]);
  });

  it('a1002: ends the conference as passive (Idle); is released to Idle when the customer drops', async () => {
    const { lines } = await replayAgent('conference-end', 'a1002');
    expect(lines).toEqual([
      'Login -> NotReady Idle JobDetached',
      'Ready -> Ready Idle JobDetached',
      'NailingRequested -> Ready Idle PendingJobAttach',
      'Nailed -> Ready Idle JobAttached ! AttachedToJob(1240)',
      'ConsultRequest -> Busy Consult.ConsultPassive JobAttached',
      'ConferenceJoined -> Busy ConferencePassive JobAttached',
      'EndConference -> Ready Idle JobAttached',
      'ConsultRequest -> Busy Consult.ConsultPassive JobAttached',
      'ConferenceJoined -> Busy ConferencePassive JobAttached',
      'CustomerHangup -> Busy ConferencePassive JobAttached',
      'ConferenceEnded -> Ready Idle JobAttached',
      'NotReady -> NotReady Idle JobAttached',
      'Logout -> Logout',
    ]);
  });
});

describe('external-transfer', () => {
  it('a1001: cancels an external consult, transfers the next one externally and from a held conference, disposing with "Transferred to external number"', async () => {
    const { lines } = await replayAgent('external-transfer', 'a1001');
    expect(lines).toEqual([
      'Login -> NotReady Idle JobDetached',
      'Ready -> Ready Idle JobDetached',
      'NailingRequested -> Ready Idle PendingJobAttach',
      'Nailed -> Ready Idle JobAttached ! AttachedToJob(1270)',
      'CallConnected -> Busy Talking JobAttached ! Activity(Call Connect, c-1270-000950)',
      'ConsultExternal -> Busy Consult.ConsultOwner.ExternalConsult JobAttached ! HoldApplication(play, hold-music, c-1270-000950)',
      'CancelConsult -> Busy Talking JobAttached ! HoldApplication(stop, hold-music, c-1270-000950)',
      'ConsultExternal -> Busy Consult.ConsultOwner.ExternalConsult JobAttached ! HoldApplication(play, hold-music, c-1270-000950)',
      'ExternalTransfer -> WorkNotReady Wrapup.WrapupOpen JobAttached ! HoldApplication(stop, hold-music, c-1270-000950), ExternalTransferred(c-1270-000950, +15557654321), WrapupStarted(c-1270-000950, 30000, 2, Default)',
      'WrapupContact -> Ready Idle JobAttached ! Disposed(c-1270-000950, Transferred to external number, agent)',
      'CallConnected -> Busy Talking JobAttached ! Activity(Call Connect, c-1270-000951)',
      'Consult -> Busy Consult.ConsultOwner.ConsultRequested JobAttached ! HoldApplication(play, hold-music, c-1270-000951)',
      'ConsultAccepted -> Busy Consult.ConsultOwner.ConsultConnected JobAttached',
      'Conference -> Busy ConferenceOwner.ConferenceLive JobAttached ! HoldApplication(stop, hold-music, c-1270-000951)',
      'HoldCall -> Busy ConferenceOwner.ConferenceHold JobAttached ! HoldApplication(play, hold-music, c-1270-000951)',
      'ExternalTransfer -> WorkNotReady Wrapup.WrapupOpen JobAttached ! HoldApplication(stop, hold-music, c-1270-000951), ExternalTransferred(c-1270-000951, +15557654321), WrapupStarted(c-1270-000951, 30000, 2, Default)',
      'WrapupContact -> Ready Idle JobAttached ! Disposed(c-1270-000951, Transferred to external number, agent)',
      'NotReady -> NotReady Idle JobAttached',
      'Logout -> Logout',
    ]);
  });

  it('a1002: is released from the conference its owner transferred externally', async () => {
    const { lines } = await replayAgent('external-transfer', 'a1002');
    expect(lines).toEqual([
      'Login -> NotReady Idle JobDetached',
      'Ready -> Ready Idle JobDetached',
      'NailingRequested -> Ready Idle PendingJobAttach',
      'Nailed -> Ready Idle JobAttached ! AttachedToJob(1270)',
      'ConsultRequest -> Busy Consult.ConsultPassive JobAttached',
      'ConferenceJoined -> Busy ConferencePassive JobAttached',
      'ConferenceEnded -> Ready Idle JobAttached',
      'NotReady -> NotReady Idle JobAttached',
      'Logout -> Logout',
    ]);
  });
});

