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
import type { MediaFacts } from './dialog-facts.js';
import type { EndpointApi, EslChannelConnection, MediaServerApi } from './fsmrf-api.js';
import { RecoveredEndpoint } from './recovered-endpoint.js';
import type { SrfApi } from './srf-api.js';
import { effectOf, legOfOwner, type LaterEffect } from './later-failure.js';
import type { MediaAnchor } from './media-anchor.js';
import { versionOf, withDirection, withVersion } from './sdp-text.js';
import { describeError } from './sip-error-status.js';
import { channelExecuted, channelParked } from './channel-event.js';

export interface FreeswitchMediaOptions {
  /** The media server as connected now; undefined while FreeSWITCH is away. */
  readonly server: () => MediaServerApi | undefined;
  readonly log?: AdapterLog;
  /** FreeSWITCH ended a channel the flow still had: the application ends that session. */
  readonly lost?: (owner: DialogOwner, dialogId: string) => void;
  /** What `collect` plays while it waits for digits (nothing audible by default). */
  readonly collectPrompt?: string;
  /** Who owns a dialog now: a channel taken up after a restart is known before its session adopts the dialog. */
  readonly ownerOf?: (dialogId: string) => DialogOwner | undefined;
  /** An inbound event-socket connection of its own, for a channel taken up after a restart. */
  readonly connectEsl?: () => Promise<EslChannelConnection>;
  /** drachtio, for re-INVITEs of such a channel's SIP dialog. */
  readonly srf?: SrfApi;
}

class Anchored {
  /** The `o=` version of the last description sent to the peer: later ones go up from it. */
  version = 0n;
  /** The dialog the endpoint serves now (a takeover may move it). */
  dialogId: string;
  music = false;
  conference: string | undefined;
  /** The endpoint this one is uuid_bridged to: an unbridge parks both, so both wait for it. */
  bridgedWith: Anchored | undefined;
  released = false;
  /** Settles when the operations queued on this endpoint so far have run. */
  tail: Promise<void> = Promise.resolve();

  constructor(
    readonly endpoint: EndpointApi,
    /** Undefined for a channel taken up after a restart until its session acts on it (FreeswitchMedia.ownerOf). */
    public owner: DialogOwner | undefined,
    dialogId: string,
  ) {
    this.dialogId = dialogId;
  }

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
  /** Channels of dialogs recovered after a restart, waiting for FreeSWITCH to be connected to be taken up. */
  private readonly recovering = new Map<string, MediaFacts>();
  /** Recovered dialogs that ended before their channel was taken up: the channel is hung up once it is. */
  private readonly endedWhileRecovering = new Set<string>();
  /** Settles when the recovered dialog's channel is taken up (or found gone). */
  private readonly attaching = new Map<string, Promise<void>>();
  private readonly attached = new Map<string, () => void>();
  /** The event-socket connection the channels taken up share, and how many of them are still on it. */
  private recoveredConn: EslChannelConnection | undefined;
  private recoveredChannels = 0;
  private attachingAll: Promise<number> | undefined;
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

  async reoffer(dialogId: string, direction: SdpDirection): Promise<string | PortFailure> {
    await this.attaching.get(dialogId);
    const entry = this.anchored.get(dialogId);
    if (entry === undefined) return portFailure('media', `dialog \`${dialogId}\` has no endpoint`);
    return this.describe(entry, withDirection(entry.endpoint.local.sdp, direction));
  }

  async reanswer(dialogId: string, remoteSdp: string): Promise<string | PortFailure> {
    await this.attaching.get(dialogId);
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
    entry.dialogId = to;
  }

  release(dialogId: string): void {
    if (this.recovering.has(dialogId)) {
      // Ended before its channel was taken up: the channel is still to be hung up.
      this.endedWhileRecovering.add(dialogId);
      return;
    }
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

  factsOf(dialogId: string): MediaFacts | undefined {
    const pending = this.recovering.get(dialogId);
    if (pending !== undefined) return this.endedWhileRecovering.has(dialogId) ? undefined : pending;
    const entry = this.anchored.get(dialogId);
    if (entry === undefined) return undefined;
    const dialog = entry.endpoint.dialog;
    return {
      uuid: entry.endpoint.uuid,
      ...(dialog === undefined || dialog === null ? {} : { mediaDialog: { stackDialogId: dialog.id, target: dialog.remote.uri } }),
      ...(entry.music ? { music: true } : {}),
      ...(entry.version > 0n ? { version: entry.version.toString() } : {}),
    };
  }

  recover(dialogId: string, facts: MediaFacts): void {
    this.recovering.set(dialogId, facts);
    this.attaching.set(dialogId, new Promise((resolve) => this.attached.set(dialogId, resolve)));
  }

  /**
   * Takes up the channels of recovered dialogs, all on one event-socket
   * connection of flowc's own (RecoveredEndpoint), once FreeSWITCH is
   * connected. A channel FreeSWITCH no longer has lost its media with the
   * restart: the dialog's session hears `media lost`. Returns how many were
   * taken up.
   */
  attachRecovered(): Promise<number> {
    // FreeSWITCH connected again while the last round still runs: that round takes them up.
    this.attachingAll ??= this.attachAll().finally(() => (this.attachingAll = undefined));
    return this.attachingAll;
  }

  private async attachAll(): Promise<number> {
    const pending = [...this.recovering.entries()];
    if (pending.length === 0) return 0;
    let conn: EslChannelConnection | undefined;
    let failure: unknown;
    try {
      const { connectEsl, srf } = this.options;
      if (connectEsl === undefined || srf === undefined) throw new Error('no event-socket connection to take channels up with');
      conn = this.recoveredConn;
      if (conn === undefined) {
        const fresh = await connectEsl();
        // An ended connection is never shared again: channels still waiting to be taken up get a new one.
        await RecoveredEndpoint.subscribe(fresh, () => {
          if (this.recoveredConn === fresh) this.recoveredConn = undefined;
        });
        conn = fresh;
      }
      this.recoveredConn = conn;
    } catch (error) {
      failure = error;
    }
    const results = await Promise.all(pending.map(([dialogId, facts]) => this.attachOne(dialogId, facts, conn, failure)));
    this.closeRecoveredConn();
    return results.filter(Boolean).length;
  }

  private async attachOne(dialogId: string, facts: MediaFacts, conn: EslChannelConnection | undefined, failure: unknown): Promise<boolean> {
    let endpoint: RecoveredEndpoint;
    try {
      const srf = this.options.srf;
      if (conn === undefined || srf === undefined) throw failure;
      endpoint = await RecoveredEndpoint.attach(conn, { uuid: facts.uuid, ...(facts.mediaDialog === undefined ? {} : { mediaDialog: facts.mediaDialog }) }, srf);
    } catch (error) {
      const released = this.endedWhileRecovering.delete(dialogId);
      this.settleAttach(dialogId);
      if (released) return false;
      this.log.warn({ dialog: dialogId, channel: facts.uuid, error: describeError(error) }, 'the media of a recovered call is gone');
      const owner = this.options.ownerOf?.(dialogId);
      if (owner !== undefined) this.options.lost?.(owner, dialogId);
      return false;
    }
    this.recoveredChannels++;
    endpoint.once('closed', () => {
      this.recoveredChannels--;
      this.closeRecoveredConn();
    });
    const released = this.endedWhileRecovering.delete(dialogId);
    const entry = new Anchored(endpoint, undefined, dialogId);
    entry.version = facts.version === undefined ? 0n : BigInt(facts.version);
    entry.music = facts.music === true;
    this.anchored.set(dialogId, entry);
    this.settleAttach(dialogId);
    this.watch(entry);
    this.log.info({ dialog: dialogId, channel: facts.uuid }, 'media of a recovered call taken up');
    if (released) this.release(dialogId);
    return true;
  }

  /** The shared connection of the channels taken up closes with the last of them. */
  private closeRecoveredConn(): void {
    if (this.recoveredChannels > 0 || this.recovering.size > 0 || this.recoveredConn === undefined) return;
    const conn = this.recoveredConn;
    this.recoveredConn = undefined;
    try {
      conn.disconnect();
    } catch {
      // gone already
    }
  }

  private settleAttach(dialogId: string): void {
    this.recovering.delete(dialogId);
    this.attaching.delete(dialogId);
    this.attached.get(dialogId)?.();
    this.attached.delete(dialogId);
  }

  /** Runs `run` now, or, when a channel it needs is still being taken up, once it is (its failure then reaches the session as a failed effect). */
  private whenUp(owner: DialogOwner, dialogIds: readonly string[], effect: LaterEffect, run: () => PortFailure | undefined): PortFailure | undefined {
    const waiting = dialogIds.flatMap((id) => {
      const pending = this.attaching.get(id);
      return pending === undefined ? [] : [pending];
    });
    if (waiting.length === 0) return run();
    void Promise.all(waiting).then(() => {
      const failure = run();
      if (failure === undefined) return;
      this.log.warn({ dialog: dialogIds[0], effect: effect.kind, error: failure.message }, 'media operation failed');
      try {
        owner.effectFailed(effectOf(effect, legOfOwner(owner, dialogIds[0] ?? ''), (id) => legOfOwner(owner, id)), failure);
      } catch (thrown) {
        this.log.error({ dialog: dialogIds[0], error: describeError(thrown) }, 'the session threw on a failed effect');
      }
    });
    return undefined;
  }

  // --- MediaPort -------------------------------------------------------
  // A verb on a dialog whose channel is still being taken up after a restart waits for it.

  startMusic(owner: DialogOwner, dialogId: string, music: string): PortFailure | undefined {
    return this.whenUp(owner, [dialogId], { kind: 'music', music }, () => this.startMusicNow(owner, dialogId, music));
  }

  stopMusic(owner: DialogOwner, dialogId: string): PortFailure | undefined {
    return this.whenUp(owner, [dialogId], { kind: 'music', music: '' }, () => this.stopMusicNow(owner, dialogId));
  }

  bridge(owner: DialogOwner, a: string, b: string): PortFailure | undefined {
    return this.whenUp(owner, [a, b], { kind: 'bridge', other: b }, () => this.bridgeNow(owner, a, b));
  }

  unbridge(owner: DialogOwner, a: string, b: string | undefined): PortFailure | undefined {
    return this.whenUp(owner, b === undefined ? [a] : [a, b], { kind: 'unbridge', other: b }, () => this.unbridgeNow(owner, a, b));
  }

  conference(owner: DialogOwner, dialogIds: readonly string[]): PortFailure | undefined {
    return this.whenUp(owner, dialogIds, { kind: 'conference', dialogs: dialogIds }, () => this.conferenceNow(owner, dialogIds));
  }

  play(owner: DialogOwner, dialogId: string, prompt: string): PortFailure | undefined {
    return this.whenUp(owner, [dialogId], { kind: 'play', prompt }, () => this.playNow(owner, dialogId, prompt));
  }

  collect(owner: DialogOwner, dialogId: string, request: CollectRequest): PortFailure | undefined {
    return this.whenUp(owner, [dialogId], { kind: 'collect' }, () => this.collectNow(owner, dialogId, request));
  }

  private startMusicNow(owner: DialogOwner, dialogId: string, music: string): PortFailure | undefined {
    const failure = this.on(owner, dialogId, { kind: 'music', music }, [], async (entry) => {
      // Music loops until stopMusic breaks it (a file ends, hold does not); the queue must not wait for it.
      entry.endpoint.execute('endless_playback', music).then(
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

  private stopMusicNow(owner: DialogOwner, dialogId: string): PortFailure | undefined {
    const entry = this.anchored.get(dialogId);
    // Stopping music that is not playing does nothing, as the contract says.
    if (entry === undefined || !entry.music) return undefined;
    entry.music = false;
    return this.on(owner, dialogId, { kind: 'music', music: '' }, [], async (e) => {
      await e.endpoint.api('uuid_break', `${e.endpoint.uuid} all`);
    });
  }

  private bridgeNow(owner: DialogOwner, a: string, b: string): PortFailure | undefined {
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

  private unbridgeNow(owner: DialogOwner, a: string, b: string | undefined): PortFailure | undefined {
    const entry = this.anchored.get(a);
    // uuid_transfer -both parks the bridged partner too: its next operations wait for that.
    const partner = entry?.bridgedWith;
    const named = b === undefined ? undefined : this.anchored.get(b);
    const also = [partner, named].filter((x): x is Anchored => x !== undefined);
    const failure = this.on(owner, a, { kind: 'unbridge', other: b }, also, async (e) => {
      // A transfer interrupts the bridge or the conference (uuid_park alone leaves a conference
      // member where it is); park_state then leaves both channels in the CS_PARK state.
      const parked = [e, ...(partner === undefined ? [] : [partner])].map((x) => channelParked(x.endpoint, SETTLE_MS));
      e.conference = undefined;
      try {
        const reply = await e.endpoint.api('uuid_transfer', `${e.endpoint.uuid} -both park_state inline`);
        if (typeof reply === 'string' && reply.startsWith('-ERR')) throw new Error(reply.trim());
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

  private conferenceNow(owner: DialogOwner, dialogIds: readonly string[]): PortFailure | undefined {
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

  private playNow(owner: DialogOwner, dialogId: string, prompt: string): PortFailure | undefined {
    return this.on(owner, dialogId, { kind: 'play', prompt }, [], async (entry) => {
      // Not awaited: a prompt plays alongside what the flow does next.
      entry.endpoint.play(prompt).catch((error: unknown) => this.laterFailure(entry, dialogId, { kind: 'play', prompt }, error));
      return Promise.resolve();
    });
  }

  private collectNow(owner: DialogOwner, dialogId: string, request: CollectRequest): PortFailure | undefined {
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
            if (!entry.released) this.ownerOf(entry)?.dialogEvent(entry.dialogId, { type: 'collected', digits: result.digits ?? '' });
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
      const owner = this.ownerOf(entry);
      if (owner !== undefined) this.options.lost?.(owner, dialogId);
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
    const entry = new Anchored(endpoint, owner, dialogId);
    const existing = this.anchored.get(dialogId);
    if (existing !== undefined) this.release(dialogId);
    this.anchored.set(dialogId, entry);
    // Where a channel waits between the flow's steps is the CS_PARK state (uuid_park), not the
    // socket or park application: the state outlives the event socket, so when flowc stops or
    // crashes FreeSWITCH keeps the call for the next process to take up (an application under
    // the socket's control ends with it, and the channel is hung up). A uuid_bridge whose
    // partner leaves would send the channel on through its dialplan and hang it up: it parks.
    endpoint.conn?.subscribe?.('CHANNEL_PARK');
    runOn(
      [entry],
      async () => {
        await endpoint.api('uuid_setvar', `${endpoint.uuid} park_after_bridge true`);
        const parked = channelParked(endpoint, SETTLE_MS);
        await endpoint.api('uuid_park', endpoint.uuid);
        await parked.seen;
      },
      (error) => this.log.warn({ dialog: dialogId, error: describeError(error) }, 'channel not parked'),
    );
    this.watch(entry);
    return this.describe(entry, endpoint.local.sdp);
  }

  /** RFC 2833 DTMF the channel hears is the dialog's `dtmf`; FreeSWITCH ending it under a live dialog is `lost`. */
  private watch(entry: Anchored): void {
    entry.endpoint.on('dtmf', (event) => {
      if (!entry.released && typeof event.dtmf === 'string') this.ownerOf(entry)?.dialogEvent(entry.dialogId, { type: 'dtmf', digits: event.dtmf });
    });
    entry.endpoint.on('destroy', () => {
      if (entry.released) return;
      const id = entry.dialogId;
      if (this.anchored.get(id) !== entry) return;
      entry.released = true;
      this.anchored.delete(id);
      this.log.warn({ dialog: id }, 'FreeSWITCH ended the channel of a live dialog');
      const owner = this.ownerOf(entry);
      if (owner !== undefined) this.options.lost?.(owner, id);
    });
  }

  private ownerOf(entry: Anchored): DialogOwner | undefined {
    return entry.owner ?? this.options.ownerOf?.(entry.dialogId);
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
    const owner = this.ownerOf(entry);
    if (owner === undefined) return;
    try {
      owner.effectFailed(effectOf(effect, legOfOwner(owner, dialogId), (id) => legOfOwner(owner, id)), portFailure('media', message));
    } catch (thrown) {
      this.log.error({ dialog: dialogId, error: describeError(thrown) }, 'the session threw on a failed effect');
    }
  }
}
