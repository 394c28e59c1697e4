/** A FreeSWITCH stand-in typed against fsmrf-api.ts: endpoints that record what they were asked and can be hung up. */
import { EventEmitter } from 'node:events';
import type { CollectOptions, CollectResult, DtmfEvent, EndpointApi, MediaServerApi, MrfApi, MrfConnectOptions } from '../../../runtime/drachtio/fsmrf-api.js';

export const FS_SDP = 'v=0\r\no=FreeSWITCH 100 7 IN IP4 10.0.0.9\r\ns=FreeSWITCH\r\nc=IN IP4 10.0.0.9\r\nt=0 0\r\nm=audio 20000 RTP/AVP 0 101\r\na=sendrecv\r\n';

export class FakeEndpoint extends EventEmitter implements EndpointApi {
  readonly calls: string[] = [];
  local = { sdp: FS_SDP };
  destroyed = false;
  /** Resolves the pending playback (music runs until broken). */
  private endPlay: (() => void) | undefined;
  collectResult: CollectResult = { digits: '1234' };

  constructor(readonly uuid: string, readonly remoteSdp: string | undefined) {
    super();
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
    return Promise.resolve();
  }
  unbridge(): Promise<unknown> {
    this.calls.push('unbridge');
    return Promise.resolve();
  }
  join(conference: string): Promise<unknown> {
    this.calls.push(`join ${conference.replace(/-[^-]+-[^-]+$/, '')}`);
    return Promise.resolve();
  }
  api(command: string, args: string): Promise<unknown> {
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

  createEndpoint(opts?: { readonly remoteSdp?: string }): Promise<EndpointApi> {
    if (this.failCreate !== undefined) return Promise.reject(new Error(this.failCreate));
    const endpoint = new FakeEndpoint(`uuid-${this.endpoints.length + 1}`, opts?.remoteSdp);
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
