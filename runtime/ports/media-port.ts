/**
 * Media as the session needs it (FreeSWITCH live, a recorder in tests):
 * music on hold, bridges, conferences, prompts and digit collection, on the
 * dialogs the SIP port named. Collected digits come back as DialogSignals.
 */
import type { DialogOwner } from './dialog-owner.js';
import type { PortFailure } from './port-failure.js';

export interface CollectRequest {
  readonly max?: number;
  readonly terminator?: string;
  readonly timeoutMs?: number;
}

export interface MediaPort {
  startMusic(owner: DialogOwner, dialogId: string, music: string): PortFailure | undefined;
  /** Stopping music that is not playing does nothing. */
  stopMusic(owner: DialogOwner, dialogId: string): PortFailure | undefined;
  bridge(owner: DialogOwner, a: string, b: string): PortFailure | undefined;
  /** Without `b`, disconnects `a` from whatever it is bridged to. */
  unbridge(owner: DialogOwner, a: string, b: string | undefined): PortFailure | undefined;
  conference(owner: DialogOwner, dialogIds: readonly string[]): PortFailure | undefined;
  play(owner: DialogOwner, dialogId: string, prompt: string): PortFailure | undefined;
  collect(owner: DialogOwner, dialogId: string, request: CollectRequest): PortFailure | undefined;
}
