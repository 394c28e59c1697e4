/**
 * A FreeSWITCH stand-in typed against fsmrf-api.ts: endpoints that record
 * what they were asked and can be hung up. As FreeSWITCH does, a bridge or
 * an unbridge is reported done later, as CHANNEL_EXECUTE (`uuid_bridge`,
 * `park`) on each channel's event socket; `holdChannelEvents` keeps those
 * reports back until `releaseChannelEvents()`, to test what waits for them.
 */
import { EventEmitter } from 'node:events';
import type { CollectOptions, CollectResult, DtmfEvent, EndpointApi, EslConnectionApi, EslEventApi, MediaServerApi, MrfApi, MrfConnectOptions } from '../../../runtime/drachtio/fsmrf-api.js';

export const FS_SDP = 'v=0\r\no=FreeSWITCH 100 7 IN IP4 10.0.0.9\r\ns=FreeSWITCH\r\nc=IN IP4 10.0.0.9\r\nt=0 0\r\nm=audio 20000 RTP/AVP 0 101\r\na=sendrecv\r\n';

export class FakeEndpoint extends EventEmitter implements EndpointApi {
  readonly calls: string[] = [];
  local = { sdp: FS_SDP };
  destroyed = false;
  /** Resolves the pending playback (music runs until broken). */
  private endPlay: (() => void) | undefined;
  collectResult: CollectResult = { digits: '1234' };
  readonly conn: EslConnectionApi & EventEmitter = new EventEmitter();
  /** The endpoint this one is bridged to, as FreeSWITCH would know it. */
  partner: FakeEndpoint | undefined;
  /** Parked after it was made (FreeswitchMedia parks every new channel). */
  madeParked = false;

  constructor(
    readonly uuid: string,
    readonly remoteSdp: string | undefined,
    private readonly server: FakeMediaServer,
  ) {
    super();
  }

  /** FreeSWITCH reports that the channel executes `application`. */
  executed(application: string): void {
    const event: EslEventApi = { getHeader: (name) => (name === 'Application' ? application : undefined) };
    this.conn.emit(`esl::event::CHANNEL_EXECUTE::${this.uuid}`, event);
  }

  modify(sdp: string): Promise<unknown> {
    this.calls.push(`modify ${sdp.includes('sendonly') ? 'sendonly' : 'sendrecv'}`);
    this.local = { sdp: FS_SDP.replace('o=FreeSWITCH 100 7', 'o=FreeSWITCH 100 8').replace('a=sendrecv', sdp.includes('a=sendonly') ? 'a=recvonly' : 'a=sendrecv') };
    return Promise.resolve();
  }
  play(file: string): Promise<unknown> {
    this.calls.push(`play ${file}`);
    return new Promise((resolve) => (this.endPlay = () => resolve(undefined)));
  }
  playCollect(opts: CollectOptions): Promise<CollectResult> {
    this.calls.push(`collect max=${opts.max} terminators=${opts.terminators} timeout=${opts.timeout}`);
    return Promise.resolve(this.collectResult);
  }
  bridge(other: EndpointApi): Promise<unknown> {
    this.calls.push(`bridge ${other.uuid}`);
    const partner = this.server.endpoints.find((e) => e.uuid === other.uuid);
    this.partner = partner;
    if (partner !== undefined) partner.partner = this;
    this.server.later(() => {
      this.executed('uuid_bridge');
      partner?.executed('uuid_bridge');
    });
    return Promise.resolve();
  }
  execute(app: string, arg: string): Promise<unknown> {
    this.calls.push(`${app} ${arg}`);
    // Endless music plays until uuid_break; anything else is done at once.
    return app === 'endless_playback' ? new Promise((resolve) => (this.endPlay = () => resolve(undefined))) : Promise.resolve();
  }
  /** Out of its bridge (the partner parks after it, park_after_bridge), reported later as CHANNEL_PARK. */
  private park(): void {
    const partner = this.partner;
    this.partner = undefined;
    if (partner !== undefined) partner.partner = undefined;
    this.server.later(() => {
      this.parked();
      partner?.parked();
    });
  }
  parked(): void {
    this.conn.emit(`esl::event::CHANNEL_PARK::${this.uuid}`, { getHeader: () => undefined });
  }
  join(conference: string): Promise<unknown> {
    this.calls.push(`join ${conference.replace(/-[^-]+-[^-]+$/, '')}`);
    return Promise.resolve();
  }
  /** Channel variables set with uuid_setvar (kept apart from `calls`: every endpoint gets some). */
  readonly vars = new Map<string, string>();

  api(command: string, args: string): Promise<unknown> {
    if (command === 'uuid_setvar') {
      const [uuid, name, value] = args.split(' ');
      if (uuid === this.uuid && name !== undefined) this.vars.set(name, value ?? '');
      return Promise.resolve('+OK');
    }
    if (command === 'uuid_transfer' && args.endsWith(' park_state inline')) {
      this.calls.push('park');
      this.park();
      return Promise.resolve('+OK');
    }
    if (command === 'uuid_park') {
      // Every channel is parked once made (not worth a test's look); later parks are.
      if (this.madeParked) this.calls.push('park');
      this.madeParked = true;
      this.park();
      return Promise.resolve('+OK');
    }
    this.calls.push(`api ${command} ${args}`);
    if (command === 'uuid_break') this.endPlay?.();
    return Promise.resolve();
  }
  destroy(): Promise<unknown> {
    this.calls.push('destroy');
    this.destroyed = true;
    return Promise.resolve();
  }
  dtmf(digit: string): void {
    const event: DtmfEvent = { dtmf: digit };
    this.emit('dtmf', event);
  }
  hangupByFreeswitch(): void {
    this.emit('destroy');
  }
}

export class FakeMediaServer extends EventEmitter implements MediaServerApi {
  readonly endpoints: FakeEndpoint[] = [];
  failCreate: string | undefined;
  disconnected = false;
  /** Keeps FreeSWITCH's reports of finished bridges and parks back until released. */
  holdChannelEvents = false;
  private readonly held: (() => void)[] = [];

  /** What FreeSWITCH reports a moment after a command (a bridge or park done). */
  later(report: () => void): void {
    if (this.holdChannelEvents) this.held.push(report);
    else setImmediate(report);
  }

  releaseChannelEvents(): void {
    this.holdChannelEvents = false;
    for (const report of this.held.splice(0)) report();
  }

  createEndpoint(opts?: { readonly remoteSdp?: string }): Promise<EndpointApi> {
    if (this.failCreate !== undefined) return Promise.reject(new Error(this.failCreate));
    const endpoint = new FakeEndpoint(`uuid-${this.endpoints.length + 1}`, opts?.remoteSdp, this);
    this.endpoints.push(endpoint);
    return Promise.resolve(endpoint);
  }
  api(command: string): Promise<string> {
    return Promise.resolve(command === 'show channels count' ? `\n${this.endpoints.filter((e) => !e.destroyed).length} total.\n` : '+OK');
  }
  disconnect(): void {
    this.disconnected = true;
  }
  /** Live endpoints (not destroyed). */
  get open(): FakeEndpoint[] {
    return this.endpoints.filter((e) => !e.destroyed);
  }
  endpoint(i: number): FakeEndpoint {
    const e = this.endpoints[i];
    if (e === undefined) throw new Error(`no endpoint ${i}`);
    return e;
  }
}

export class FakeMrf implements MrfApi {
  readonly attempts: MrfConnectOptions[] = [];
  readonly servers: FakeMediaServer[] = [];
  failures = 0;

  connect(opts: MrfConnectOptions): Promise<MediaServerApi> {
    this.attempts.push(opts);
    if (this.failures > 0) {
      this.failures--;
      return Promise.reject(new Error('connect ECONNREFUSED'));
    }
    const server = new FakeMediaServer();
    this.servers.push(server);
    return Promise.resolve(server);
  }
}
