/**
 * Seed 001, the agent whose desktop shuts down abnormally: the agent manager
 * no longer knows its state (Unknown) and ignores Release From Outbound
 * (P_POMAGT50); a call is shown in Wrapup although the agent may still be
 * talking when the desktop had invoked AGTSaveAgentForHA. When the desktop is
 * back the agent state follows the call state.
 */
import { describe, expect, it } from 'vitest';
import { replayAgent } from './agent-replay.js';

describe('ha-desktop-shutdown', () => {
  it('goes Unknown without touching the call or job regions, shows the saved call in Wrapup, and recovers from the call state', async () => {
    const { lines } = await replayAgent('ha-desktop-shutdown', 'a1001');
    expect(lines).toEqual([
      'Login -> NotReady Idle JobDetached',
      'Ready -> Ready Idle JobDetached',
      'NailingRequested -> Ready Idle PendingJobAttach',
      'Nailed -> Ready Idle JobAttached ! AttachedToJob(1280)',
      'SaveAgentForHA -> Ready Idle JobAttached',
      'CallConnected -> Busy Talking JobAttached ! Activity(Call Connect, c-1280-000970)',
      'DesktopShutdown -> Unknown Wrapup.WrapupOpen JobAttached ! WrapupStarted(c-1280-000970, 30000, 2, Default)',
      'ReleaseFromOutbound -> Unknown Wrapup.WrapupOpen JobAttached ! PomEvent(P_POMAGT50, Release From Outbound ignored: agent state unknown)',
      'DesktopRestored -> WorkNotReady Wrapup.WrapupOpen JobAttached',
      'WrapupContact -> Ready Idle JobAttached ! Disposed(c-1280-000970, Sale, agent)',
      'DesktopShutdown -> Unknown Idle JobAttached',
      'DesktopRestored -> NotReady Idle JobAttached',
      'Ready -> Ready Idle JobAttached',
      'PreviewOffered -> Busy Preview JobAttached',
      // Nothing was saved for a preview: the call state stays as it was.
      'DesktopShutdown -> Unknown Preview JobAttached',
      'DesktopRestored -> Busy Preview JobAttached',
      'PreviewDial -> Busy Dialing JobAttached',
      'CustomerAnswered -> Busy Talking JobAttached ! Activity(Call Connect, c-1280-000971)',
      'CustomerHangup -> WorkNotReady Wrapup.WrapupOpen JobAttached ! WrapupStarted(c-1280-000971, 30000, 2, Default)',
      'WrapupContact -> Ready Idle JobAttached ! Disposed(c-1280-000971, Interested, agent)',
      'NotReady -> NotReady Idle JobAttached',
      'Logout -> Logout',
    ]);
  });
});
