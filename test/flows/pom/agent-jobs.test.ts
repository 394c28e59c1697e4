/**
 * Seed 001, the job state: Pending Job Attach until nailed, attach, detach,
 * Job End (campaign paused or ended, agent moved, agent donated), manual job
 * movement (Pending Job Movement while busy), Release From Outbound and
 * BlendToInbound (Pending Manual Inbound / Pending Inbound while busy),
 * BlendToOutbound (Pending Outbound while busy with an inbound call).
 */
import { describe, expect, it } from 'vitest';
import { replayAgent } from './agent-replay.js';

describe('job-lifecycle', () => {
  it('attaches on nailing, ends the job task on pause, end, move and donation, moves jobs at once when idle and after the call when busy', async () => {
    const { lines } = await replayAgent('job-lifecycle', 'a1001');
    expect(lines).toEqual([
      'Login -> NotReady Idle JobDetached',
      'Ready -> Ready Idle JobDetached',
      'NailingRequested -> Ready Idle PendingJobAttach',
      'NailingFailed -> Ready Idle JobDetached',
      'NailingRequested -> Ready Idle PendingJobAttach',
      'Nailed -> Ready Idle JobAttached ! AttachedToJob(1301)',
      'CampaignPaused -> Ready Idle JobEnd',
      'NailingRequested -> Ready Idle PendingJobAttach',
      'Nailed -> Ready Idle JobAttached ! AttachedToJob(1302)',
      'CampaignEnded -> Ready Idle JobEnd',
      'DetachJob -> Ready Idle JobDetached',
      'NailingRequested -> Ready Idle PendingJobAttach',
      'Nailed -> Ready Idle JobAttached ! AttachedToJob(1303)',
      'AgentMoved -> Ready Idle JobEnd',
      'NailingRequested -> Ready Idle PendingJobAttach',
      'Nailed -> Ready Idle JobAttached ! AttachedToJob(1304)',
      'AgentDonated -> Ready Idle JobEnd',
      'NailingRequested -> Ready Idle PendingJobAttach',
      'Nailed -> Ready Idle JobAttached ! AttachedToJob(1305)',
      'MoveToJob -> Ready Idle JobAttached ! AttachedToJob(1306)',
      'CallConnected -> Busy Talking JobAttached ! Activity(Call Connect, c-1306-000012)',
      'MoveToJob -> Busy Talking PendingJobMovement',
      'CustomerHangup -> WorkNotReady Wrapup.WrapupOpen PendingJobMovement ! WrapupStarted(c-1306-000012, 30000, 2, Default)',
      // The current work is over: Job Attached, to the job the supervisor chose.
      'WrapupContact -> Ready Idle JobAttached ! Disposed(c-1306-000012, Sale, agent), AttachedToJob(1307)',
      // Job 1306 is no longer the agent's: its pause does not concern it.
      'CampaignPaused -> Ready Idle JobAttached (ignored)',
      'DetachJob -> Ready Idle JobDetached',
      'NotReady -> NotReady Idle JobDetached',
      'Logout -> Logout',
    ]);
  });
});

describe('blending', () => {
  it('blends to inbound and back, immediately when idle and through the pending states when busy', async () => {
    const { lines } = await replayAgent('blending', 'a1001');
    expect(lines).toEqual([
      'Login -> NotReady Idle JobDetached',
      'Ready -> Ready Idle JobDetached',
      'NailingRequested -> Ready Idle PendingJobAttach',
      'Nailed -> Ready Idle JobAttached ! AttachedToJob(1401)',
      'BlendToInbound -> Ready Idle JobInbound',
      'InboundCallConnected -> Busy Talking JobInbound',
      'BlendToOutbound -> Busy Talking PendingOutbound',
      'CustomerHangup -> WorkNotReady Wrapup.WrapupOpen PendingOutbound ! WrapupStarted(i-000990, 30000, 2, Default)',
      'WrapupContact -> Ready Idle JobDetached ! Disposed(i-000990, Resolved, agent)',
      'NailingRequested -> Ready Idle PendingJobAttach',
      'Nailed -> Ready Idle JobAttached ! AttachedToJob(1401)',
      'CallConnected -> Busy Talking JobAttached ! Activity(Call Connect, c-1401-000991)',
      'BlendToInbound -> Busy Talking PendingInbound',
      'HangupCall -> WorkNotReady Wrapup.WrapupOpen PendingInbound ! WrapupStarted(c-1401-000991, 30000, 2, Default)',
      'WrapupContact -> Ready Idle JobInbound ! Disposed(c-1401-000991, Sale, agent)',
      'BlendToOutbound -> Ready Idle JobDetached',
      'NailingRequested -> Ready Idle PendingJobAttach',
      'Nailed -> Ready Idle JobAttached ! AttachedToJob(1401)',
      'CallConnected -> Busy Talking JobAttached ! Activity(Call Connect, c-1401-000992)',
      // From the supervisor dashboard while busy: Pending Manual Inbound until the call is over.
      'ReleaseFromOutbound -> Busy Talking PendingManualInbound',
      'CustomerHangup -> WorkNotReady Wrapup.WrapupOpen PendingManualInbound ! WrapupStarted(c-1401-000992, 30000, 2, Default)',
      'WrapupContact -> Ready Idle JobInbound ! Disposed(c-1401-000992, Interested, agent)',
      // pim_config TimeZonePendingCallbackDueTime left at its default: the server's time zone.
      'CallbackScheduled -> Ready Idle JobInbound ! PendingCallback(c-1401-000995, 2024/03/13 12:30)',
      'NotReady -> NotReady Idle JobInbound',
      'Logout -> Logout',
    ]);
  });
});
