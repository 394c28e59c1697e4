/**
 * A MediaPort that records what it was asked. A responder can play the media
 * server (for example, report collected digits at once).
 */
import type { DialogOwner } from './dialog-owner.js';
import type { CollectRequest, MediaPort } from './media-port.js';
import type { PortFailure } from './port-failure.js';

export type MediaCall =
  | { readonly op: 'startMusic'; readonly owner: DialogOwner; readonly dialogId: string; readonly music: string }
  | { readonly op: 'stopMusic'; readonly owner: DialogOwner; readonly dialogId: string }
  | { readonly op: 'bridge'; readonly owner: DialogOwner; readonly a: string; readonly b: string }
  | { readonly op: 'unbridge'; readonly owner: DialogOwner; readonly a: string; readonly b: string | undefined }
  | { readonly op: 'conference'; readonly owner: DialogOwner; readonly dialogIds: readonly string[] }
  | { readonly op: 'play'; readonly owner: DialogOwner; readonly dialogId: string; readonly prompt: string }
  | { readonly op: 'collect'; readonly owner: DialogOwner; readonly dialogId: string; readonly request: CollectRequest };

export type MediaOp = MediaCall['op'];

export interface MediaResponder {
  respond(call: MediaCall, port: MemoryMediaPort): void;
}

export class MemoryMediaPort implements MediaPort {
  readonly calls: MediaCall[] = [];
  readonly failing: Partial<Record<MediaOp, PortFailure>> = {};
  responder: MediaResponder | undefined;

  startMusic(owner: DialogOwner, dialogId: string, music: string): PortFailure | undefined {
    return this.failing.startMusic ?? this.record({ op: 'startMusic', owner, dialogId, music });
  }

  stopMusic(owner: DialogOwner, dialogId: string): PortFailure | undefined {
    return this.failing.stopMusic ?? this.record({ op: 'stopMusic', owner, dialogId });
  }

  bridge(owner: DialogOwner, a: string, b: string): PortFailure | undefined {
    return this.failing.bridge ?? this.record({ op: 'bridge', owner, a, b });
  }

  unbridge(owner: DialogOwner, a: string, b: string | undefined): PortFailure | undefined {
    return this.failing.unbridge ?? this.record({ op: 'unbridge', owner, a, b });
  }

  conference(owner: DialogOwner, dialogIds: readonly string[]): PortFailure | undefined {
    return this.failing.conference ?? this.record({ op: 'conference', owner, dialogIds });
  }

  play(owner: DialogOwner, dialogId: string, prompt: string): PortFailure | undefined {
    return this.failing.play ?? this.record({ op: 'play', owner, dialogId, prompt });
  }

  collect(owner: DialogOwner, dialogId: string, request: CollectRequest): PortFailure | undefined {
    return this.failing.collect ?? this.record({ op: 'collect', owner, dialogId, request });
  }

  private record(call: MediaCall): undefined {
    this.calls.push(call);
    this.responder?.respond(call, this);
    return undefined;
  }
}
