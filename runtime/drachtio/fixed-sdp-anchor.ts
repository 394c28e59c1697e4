/**
 * The MediaAnchor without a media server: every dialog gets the same audio
 * description (an address and port from the config, PCMU/PCMA and RFC 4733
 * telephone-events), its own origin and version, and answers mirror the
 * peer's direction. Media goes nowhere; signalling is exact, which is what
 * signalling-only runs and SIPp peers need.
 */
import { portFailure, type PortFailure } from '../ports/port-failure.js';
import type { DialogOwner } from '../ports/dialog-owner.js';
import type { SdpDirection } from '../sip/sdp-direction.js';
import type { MediaAnchor } from './media-anchor.js';
import { answerDirection, directionOf } from './sdp-text.js';

export interface FixedSdpOptions {
  /** The connection address written in every description. */
  readonly address: string;
  /** The audio port written in every description (default 9, discard). */
  readonly port?: number;
}

interface Described {
  readonly session: number;
  version: number;
  direction: SdpDirection;
}

export class FixedSdpAnchor implements MediaAnchor {
  private readonly described = new Map<string, Described>();
  private nextSession = Math.floor(Date.now() / 1000);

  constructor(private readonly options: FixedSdpOptions) {}

  offer(_owner: DialogOwner, dialogId: string): Promise<string | PortFailure> {
    return Promise.resolve(this.describe(this.start(dialogId, 'sendrecv')));
  }

  answered(): Promise<PortFailure | undefined> {
    return Promise.resolve(undefined);
  }

  answer(_owner: DialogOwner, dialogId: string, remoteSdp: string): Promise<string | PortFailure> {
    const direction = remoteSdp.trim() === '' ? 'sendrecv' : answerDirection(directionOf(remoteSdp));
    return Promise.resolve(this.describe(this.start(dialogId, direction)));
  }

  reoffer(dialogId: string, direction: SdpDirection): Promise<string | PortFailure> {
    const entry = this.described.get(dialogId);
    if (entry === undefined) return Promise.resolve(portFailure('media', `no description for dialog \`${dialogId}\``));
    entry.version++;
    entry.direction = direction;
    return Promise.resolve(this.describe(entry));
  }

  reanswer(dialogId: string, remoteSdp: string): Promise<string | PortFailure> {
    const entry = this.described.get(dialogId);
    if (entry === undefined) return Promise.resolve(portFailure('media', `no description for dialog \`${dialogId}\``));
    const direction = answerDirection(directionOf(remoteSdp));
    if (direction !== entry.direction) {
      entry.version++;
      entry.direction = direction;
    }
    return Promise.resolve(this.describe(entry));
  }

  move(from: string, to: string): void {
    const entry = this.described.get(from);
    if (entry === undefined) return;
    this.described.delete(from);
    this.described.set(to, entry);
  }

  release(dialogId: string): void {
    this.described.delete(dialogId);
  }

  private start(dialogId: string, direction: SdpDirection): Described {
    const entry: Described = { session: this.nextSession++, version: 1, direction };
    this.described.set(dialogId, entry);
    return entry;
  }

  private describe(entry: Described): string {
    const { address } = this.options;
    const family = address.includes(':') ? 'IP6' : 'IP4';
    // Written with its direction in place (what withDirection would make of it): every call answers or offers one.
    return [
      'v=0',
      `o=flowc ${entry.session} ${entry.version} IN ${family} ${address}`,
      's=flowc',
      `c=IN ${family} ${address}`,
      't=0 0',
      `a=${entry.direction}`,
      `m=audio ${this.options.port ?? 9} RTP/AVP 0 8 101`,
      'a=rtpmap:0 PCMU/8000',
      'a=rtpmap:8 PCMA/8000',
      'a=rtpmap:101 telephone-event/8000',
      'a=fmtp:101 0-16',
      '',
    ].join('\r\n');
  }
}
