/**
 * The MediaPort when no FreeSWITCH is configured: signalling-only runs (SIPp
 * peers, flows that only move calls). Music, bridges, conferences and
 * prompts have nothing to act on and are accepted as done, logged once per
 * kind so the operator sees what was skipped; `collect` fails, since no
 * digits can ever come back and the flow must not wait for them in silence.
 */
import type { DialogOwner } from '../ports/dialog-owner.js';
import type { CollectRequest, MediaPort } from '../ports/media-port.js';
import { portFailure, type PortFailure } from '../ports/port-failure.js';
import { SILENT_LOG, type AdapterLog } from './adapter-log.js';

export class NoMediaPort implements MediaPort {
  private readonly told = new Set<string>();

  constructor(private readonly log: AdapterLog = SILENT_LOG) {}

  startMusic(owner: DialogOwner, dialogId: string, music: string): PortFailure | undefined {
    return this.skip('music on hold', owner, { dialog: dialogId, music });
  }

  stopMusic(): PortFailure | undefined {
    return undefined;
  }

  bridge(owner: DialogOwner, a: string, b: string): PortFailure | undefined {
    return this.skip('bridge', owner, { a, b });
  }

  unbridge(owner: DialogOwner, a: string, b: string | undefined): PortFailure | undefined {
    return this.skip('unbridge', owner, { a, b });
  }

  conference(owner: DialogOwner, dialogIds: readonly string[]): PortFailure | undefined {
    return this.skip('conference', owner, { dialogs: dialogIds });
  }

  play(owner: DialogOwner, dialogId: string, prompt: string): PortFailure | undefined {
    return this.skip('play', owner, { dialog: dialogId, prompt });
  }

  collect(_owner: DialogOwner, dialogId: string, _request: CollectRequest): PortFailure | undefined {
    return portFailure('media', `no media server to collect digits on dialog \`${dialogId}\` (configure freeswitch)`);
  }

  private skip(what: string, owner: DialogOwner, fields: object): undefined {
    if (!this.told.has(what)) {
      this.told.add(what);
      this.log.info({ flow: owner.flow, ...fields }, `no media server: ${what} is skipped (said once)`);
    }
    return undefined;
  }
}
