/**
 * Media on FreeSWITCH through drachtio-fsmrf: every dialog that carries
 * media is anchored on an endpoint of its own (its SDP is the endpoint's),
 * and the language's media verbs act on endpoints: music on hold and
 * prompts are playback, bridge is uuid_bridge, a conference is a FreeSWITCH
 * conference the endpoints join, digits are play_and_get_digits, and RFC
 * 2833 DTMF the endpoint reports is the leg's `dtmf`.
 *
 * Each endpoint is released when its dialog ends, on every path (answered,
 * failed, cancelled, replaced, lost), so a leg hung up early leaks no
 * channel. Operations on one endpoint run in order.
 */
import type { DialogOwner } from '../ports/dialog-owner.js';
import type { CollectRequest, MediaPort } from '../ports/media-port.js';
import { portFailure, type PortFailure } from '../ports/port-failure.js';
import type { SdpDirection } from '../sip/sdp-direction.js';
import { SILENT_LOG, type AdapterLog } from './adapter-log.js';
import type { EndpointApi, MediaServerApi } from './fsmrf-api.js';
import { effectOf, legOfOwner, type LaterEffect } from './later-failure.js';
import type { MediaAnchor } from './media-anchor.js';
import { versionOf, withDirection, withVersion } from './sdp-text.js';
import { describeError } from './sip-error-status.js';
import { channelExecuted } from './channel-event.js';

export interface FreeswitchMediaOptions {
  /** The media server as connected now; undefined while FreeSWITCH is away. */
  readonly server: () => MediaServerApi | undefined;
  readonly log?: AdapterLog;
  /** FreeSWITCH ended a channel the flow still had: the application ends that session. */
  readonly lost?: (owner: DialogOwner, dialogId: string) => void;
  /** What `collect` plays while it waits for digits (nothing audible by default). */
  readonly collectPrompt?: string;
}

class Anchored {
  /** The `o=` version of the last description sent to the peer: later ones go up from it. */
  version = 0n;
  music = false;
  conference: string | undefined;
  /** The endpoint this one is uuid_bridged to: an unbridge parks both, so both wait for it. */
  bridgedWith: Anchored | undefined;
  released = false;
  /** Settles when the operations queued on this endpoint so far have run. */
  tail: Promise<void> = Promise.resolve();

  constructor(
    readonly endpoint: EndpointApi,
    public owner: DialogOwner,
  ) {}

  idle(): Promise<void> {
    return this.tail;
  }
}

/**
 * Queues `op` behind what is queued on every one of `entries`, and what
 * comes later on any of them behind `op`: a bridge involves two channels,
 * and a hold's music on one of them must not start while FreeSWITCH is
 * still bridging it.
 */
function runOn(entries: readonly Anchored[], op: () => Promise<void>, onError: (error: unknown) => void): void {
  const unique = [...new Set(entries)];
  const done = Promise.all(unique.map((e) => e.tail))
    .then(op)
    .catch(onError);
  for (const entry of unique) entry.tail = done;
}

function pair(a: Anchored, b: Anchored): void {
  unpair(a);
  unpair(b);
  a.bridgedWith = b;
  b.bridgedWith = a;
}

function unpair(a: Anchored): void {
  if (a.bridgedWith !== undefined && a.bridgedWith.bridgedWith === a) a.bridgedWith.bridgedWith = undefined;
  a.bridgedWith = undefined;
}

/** How long a release waits for FreeSWITCH's BYE of the media dialog. */
const RELEASE_WAIT_MS = 5_000;

function delay<T>(ms: number, value: T): Promise<T> {
  return new Promise((resolve) => setTimeout(() => resolve(value), ms).unref());
}

/** How long a bridge or an unbridge waits for FreeSWITCH to report it done before the next operation goes anyway. */
const SETTLE_MS = 5_000;

let conferenceSeq = 0;

export class FreeswitchMedia implements MediaAnchor, MediaPort {
  private readonly anchored = new Map<string, Anchored>();
  private readonly log: AdapterLog;

  constructor(private readonly options: FreeswitchMediaOptions) {
    this.log = options.log ?? SILENT_LOG;
  }

  /** Endpoints held now (a live test checks it returns to zero). */
  get endpoints(): number {
    return this.anchored.size;
  }

  // --- MediaAnchor -----------------------------------------------------

  offer(owner: DialogOwner, dialogId: string): Promise<string | PortFailure> {
    return this.create(owner, dialogId, undefined);
  }

  async answered(dialogId: string, remoteSdp: string): Promise<PortFailure | undefined> {
    const entry = this.anchored.get(dialogId);
    if (entry === undefined) return portFailure('media', `dialog \`${dialogId}\` has no endpoint`);
    try {
      await entry.endpoint.modify(remoteSdp);
      return undefined;
    } catch (error) {
      return portFailure('media', `FreeSWITCH refused the answer: ${describeError(error)}`);
    }
  }

  answer(owner: DialogOwner, dialogId: string, remoteSdp: string): Promise<string | PortFailure> {
    return this.create(owner, dialogId, remoteSdp);
  }

  reoffer(dialogId: string, direction: SdpDirection): Promise<string | PortFailure> {
    const entry = this.anchored.get(dialogId);
    if (entry === undefined) return Promise.resolve(portFailure('media', `dialog \`${dialogId}\` has no endpoint`));
    return Promise.resolve(this.describe(entry, withDirection(entry.endpoint.local.sdp, direction)));
  }

  async reanswer(dialogId: string, remoteSdp: string): Promise<string | PortFailure> {
    const entry = this.anchored.get(dialogId);
    if (entry === undefined) return portFailure('media', `dialog \`${dialogId}\` has no endpoint`);
    try {
      // FreeSWITCH answers the peer's new offer itself (recvonly to a hold, and so on).
      await entry.endpoint.modify(remoteSdp);
      return this.describe(entry, entry.endpoint.local.sdp);
    } catch (error) {
      return portFailure('media', `FreeSWITCH refused the offer: ${describeError(error)}`);
    }
  }

  move(from: string, to: string): void {
    const entry = this.anchored.get(from);
    if (entry === undefined) return;
    this.anchored.delete(from);
    this.anchored.set(to, entry);
  }

  release(dialogId: string): void {
    const entry = this.anchored.get(dialogId);
    if (entry === undefined) return;
    this.anchored.delete(dialogId);
    entry.released = true;
    unpair(entry);
    runOn(
      [entry],
      async () => {
        // fsmrf's destroy() hangs the channel up and then waits for FreeSWITCH's BYE on the
        // media dialog; after a drachtio-server restart that dialog is unknown to it and the
        // BYE never comes. The hangup has gone out by then: stop waiting after a while.
        const destroyed = entry.endpoint.destroy().then(() => true);
        if (!(await Promise.race([destroyed, delay(RELEASE_WAIT_MS, false)]))) {
          this.log.debug({ dialog: dialogId }, 'no BYE from FreeSWITCH after the hangup: released anyway');
        }
      },
      (error) => this.log.warn({ dialog: dialogId, error: describeError(error) }, 'endpoint not released'),
    );
  }

  // --- MediaPort -------------------------------------------------------

  startMusic(owner: DialogOwner, dialogId: string, music: string): PortFailure | undefined {
    const failure = this.on(owner, dialogId, { kind: 'music', music }, [], async (entry) => {
      // Playback runs until stopMusic breaks it; the queue must not wait for it.
      entry.endpoint.play(music).then(
        () => (entry.music = false),
        (error: unknown) => this.laterFailure(entry, dialogId, { kind: 'music', music }, error),
      );
      return Promise.resolve();
    });
    // Marked now, not when the queue gets to it: an unhold right after the hold must find the music to stop.
    const entry = this.anchored.get(dialogId);
    if (failure === undefined && entry !== undefined) entry.music = true;
    return failure;
  }

  stopMusic(owner: DialogOwner, dialogId: string): PortFailure | undefined {
    const entry = this.anchored.get(dialogId);
    // Stopping music that is not playing does nothing, as the contract says.
    if (entry === undefined || !entry.music) return undefined;
    entry.music = false;
    return this.on(owner, dialogId, { kind: 'music', music: '' }, [], async (e) => {
      await e.endpoint.api('uuid_break', `${e.endpoint.uuid} all`);
    });
  }

  bridge(owner: DialogOwner, a: string, b: string): PortFailure | undefined {
    const entry = this.anchored.get(a);
    const other = this.anchored.get(b);
    if (other === undefined) return portFailure('media', `dialog \`${b}\` has no endpoint`);
    const failure = this.on(owner, a, { kind: 'bridge', other: b }, [other], async (e) => {
      const bridged = channelExecuted(e.endpoint, 'uuid_bridge', SETTLE_MS);
      try {
        await e.endpoint.bridge(other.endpoint);
      } catch (error) {
        bridged.cancel();
        throw error;
      }
      if (!(await bridged.seen)) this.log.warn({ dialog: a, other: b }, 'FreeSWITCH did not report the bridge: going on');
    });
    // Known now, not when the queue gets to it: an unbridge asked for next must hold the partner too.
    if (failure === undefined && entry !== undefined) pair(entry, other);
    return failure;
  }

  unbridge(owner: DialogOwner, a: string, b: string | undefined): PortFailure | undefined {
    const entry = this.anchored.get(a);
    // uuid_transfer -both parks the bridged partner too: its next operations wait for that.
    const partner = entry?.bridgedWith;
    const named = b === undefined ? undefined : this.anchored.get(b);
    const also = [partner, named].filter((x): x is Anchored => x !== undefined);
    const failure = this.on(owner, a, { kind: 'unbridge', other: b }, also, async (e) => {
      const parked = [e, ...(partner === undefined ? [] : [partner])].map((x) => channelExecuted(x.endpoint, 'park', SETTLE_MS));
      e.conference = undefined;
      try {
        await e.endpoint.unbridge();
      } catch (error) {
        for (const p of parked) p.cancel();
        throw error;
      }
      const seen = await Promise.all(parked.map((p) => p.seen));
      if (seen.includes(false)) this.log.warn({ dialog: a }, 'FreeSWITCH did not report the channels parked: going on');
    });
    if (failure === undefined && entry !== undefined) unpair(entry);
    return failure;
  }

  conference(owner: DialogOwner, dialogIds: readonly string[]): PortFailure | undefined {
    const entries: Anchored[] = [];
    for (const id of dialogIds) {
      const entry = this.anchored.get(id);
      if (entry === undefined) return portFailure('media', `dialog \`${id}\` has no endpoint`);
      entries.push(entry);
    }
    const name = `flowc-${++conferenceSeq}-${Date.now().toString(36)}`;
    for (let i = 0; i < entries.length; i++) {
      const id = dialogIds[i] ?? '';
      const failure = this.on(owner, id, { kind: 'conference', dialogs: dialogIds }, [], async (entry) => {
        entry.conference = name;
        await entry.endpoint.join(name);
      });
      if (failure !== undefined) return failure;
    }
    return undefined;
  }

  play(owner: DialogOwner, dialogId: string, prompt: string): PortFailure | undefined {
    return this.on(owner, dialogId, { kind: 'play', prompt }, [], async (entry) => {
      // Not awaited: a prompt plays alongside what the flow does next.
      entry.endpoint.play(prompt).catch((error: unknown) => this.laterFailure(entry, dialogId, { kind: 'play', prompt }, error));
      return Promise.resolve();
    });
  }

  collect(owner: DialogOwner, dialogId: string, request: CollectRequest): PortFailure | undefined {
    const timeout = request.timeoutMs ?? 5_000;
    return this.on(owner, dialogId, { kind: 'collect' }, [], async (entry) => {
      entry.endpoint
        .playCollect({
          file: this.options.collectPrompt ?? 'silence_stream://250',
          min: 1,
          max: request.max ?? 128,
          tries: 1,
          timeout,
          digitTimeout: timeout,
          terminators: request.terminator ?? '#',
        })
        .then(
          (result) => {
            if (!entry.released) entry.owner.dialogEvent(dialogId, { type: 'collected', digits: result.digits ?? '' });
          },
          (error: unknown) => this.laterFailure(entry, dialogId, { kind: 'collect' }, error),
        );
      return Promise.resolve();
    });
  }

  // --- the media server went away --------------------------------------

  /** FreeSWITCH disconnected: every endpoint is gone with it. Each dialog's owner hears of it through `lost`. */
  serverLost(): void {
    const lost = [...this.anchored.entries()];
    this.anchored.clear();
    for (const [dialogId, entry] of lost) {
      entry.released = true;
      this.options.lost?.(entry.owner, dialogId);
    }
  }

  /** Settles when every endpoint's queued operations have run (tests). */
  async idle(): Promise<void> {
    await Promise.all([...this.anchored.values()].map((e) => e.idle()));
  }

  // --- internals -------------------------------------------------------

  private async create(owner: DialogOwner, dialogId: string, remoteSdp: string | undefined): Promise<string | PortFailure> {
    const server = this.options.server();
    if (server === undefined) return portFailure('media', 'not connected to FreeSWITCH', 503);
    let endpoint: EndpointApi;
    try {
      endpoint = await server.createEndpoint(remoteSdp === undefined ? {} : { remoteSdp });
    } catch (error) {
      return portFailure('media', `FreeSWITCH gave no endpoint: ${describeError(error)}`, 503);
    }
    const entry = new Anchored(endpoint, owner);
    const existing = this.anchored.get(dialogId);
    if (existing !== undefined) this.release(dialogId);
    this.anchored.set(dialogId, entry);
    // A uuid_bridge whose partner leaves sends the channel on through its dialplan, which
    // ends after the socket app: FreeSWITCH would hang up a call the flow still has (the
    // agent, once the consulted party is hung up). Parked, it waits for the flow's next step.
    runOn(
      [entry],
      async () => {
        await endpoint.api('uuid_setvar', `${endpoint.uuid} park_after_bridge true`);
      },
      (error) => this.log.warn({ dialog: dialogId, error: describeError(error) }, 'park_after_bridge not set'),
    );
    endpoint.on('dtmf', (event) => {
      if (!entry.released && typeof event.dtmf === 'string') entry.owner.dialogEvent(this.idOf(entry) ?? dialogId, { type: 'dtmf', digits: event.dtmf });
    });
    endpoint.on('destroy', () => {
      if (entry.released) return;
      const id = this.idOf(entry);
      if (id === undefined) return;
      entry.released = true;
      this.anchored.delete(id);
      this.log.warn({ dialog: id }, 'FreeSWITCH ended the channel of a live dialog');
      this.options.lost?.(entry.owner, id);
    });
    return this.describe(entry, endpoint.local.sdp);
  }

  /** The dialog an endpoint serves now (a takeover may have moved it). */
  private idOf(entry: Anchored): string | undefined {
    for (const [id, e] of this.anchored) if (e === entry) return id;
    return undefined;
  }

  /** The description as sent to the peer: its version never goes back (RFC 3264 §8). */
  private describe(entry: Anchored, sdp: string): string {
    const own = versionOf(sdp) ?? 0n;
    entry.version = own > entry.version ? own : entry.version + 1n;
    return withVersion(sdp, entry.version);
  }

  /** Queues `op` on the dialog's endpoint, and on `also` (the other endpoints it involves). */
  private on(owner: DialogOwner, dialogId: string, effect: LaterEffect, also: readonly Anchored[], op: (entry: Anchored) => Promise<void>): PortFailure | undefined {
    const entry = this.anchored.get(dialogId);
    if (entry === undefined) return portFailure('media', `dialog \`${dialogId}\` has no endpoint`);
    if (this.options.server() === undefined) return portFailure('media', 'not connected to FreeSWITCH', 503);
    entry.owner = owner;
    runOn(
      [entry, ...also],
      () => op(entry),
      (error) => this.laterFailure(entry, dialogId, effect, error),
    );
    return undefined;
  }

  private laterFailure(entry: Anchored, dialogId: string, effect: LaterEffect, error: unknown): void {
    if (entry.released) return;
    const message = describeError(error);
    this.log.warn({ dialog: dialogId, effect: effect.kind, error: message }, 'media operation failed');
    const owner = entry.owner;
    try {
      owner.effectFailed(effectOf(effect, legOfOwner(owner, dialogId), (id) => legOfOwner(owner, id)), portFailure('media', message));
    } catch (thrown) {
      this.log.error({ dialog: dialogId, error: describeError(thrown) }, 'the session threw on a failed effect');
    }
  }
}
