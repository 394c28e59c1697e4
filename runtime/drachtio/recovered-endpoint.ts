/**
 * A FreeSWITCH channel taken up again after flowc restarted. The process
 * that made it is gone, and with it fsmrf's outbound event socket for the
 * channel; FreeSWITCH keeps the channel (parked, bridged, playing, in a
 * conference) and its media flowing. This endpoint drives it over an
 * inbound event-socket connection that every channel taken up shares (one,
 * not one per call: a restart under a thousand calls would otherwise open a
 * thousand sockets, each a thread in FreeSWITCH), filtered to their uuids:
 * commands go by uuid (sendmsg, uuid_bridge, uuid_transfer), each channel's
 * events (CHANNEL_EXECUTE, DTMF, the hangup) come under the same names
 * fsmrf's endpoints use, so everything FreeswitchMedia does with an
 * endpoint works on it. A re-INVITE of FreeSWITCH (the peer's new offer)
 * goes on the saved drachtio-server dialog of the channel.
 */
import { EventEmitter } from 'node:events';
import type { CollectOptions, CollectResult, EndpointApi, EslChannelConnection, EslEventApi } from './fsmrf-api.js';
import { requestByStackId } from './in-dialog-request.js';
import type { SrfApi } from './srf-api.js';

/** How the saved channel is reached: its uuid, and the SIP dialog drachtio-server holds with FreeSWITCH for it. */
export interface ChannelFacts {
  readonly uuid: string;
  readonly mediaDialog?: { readonly stackDialogId: string; readonly target: string };
}

const EVENTS = 'CHANNEL_EXECUTE CHANNEL_EXECUTE_COMPLETE CHANNEL_PARK CHANNEL_HANGUP DTMF CUSTOM conference::maintenance';

/**
 * The channels taken up on each shared connection, all lost when it ends: one
 * `esl::end` listener per connection, not one per channel (modesl's emitter
 * warns of a leak past 25 listeners of one event, and a restart takes up
 * hundreds of channels).
 */
const onConnection = new WeakMap<EslChannelConnection, Set<RecoveredEndpoint>>();

export class RecoveredEndpoint extends EventEmitter implements EndpointApi {
  local: { sdp: string };
  private gone = false;
  private readonly subscriptions: [string, (event: EslEventApi) => void][];

  private constructor(
    readonly uuid: string,
    private connection: EslChannelConnection | null,
    localSdp: string,
    private readonly mediaDialog: ChannelFacts['mediaDialog'],
    private readonly srf: SrfApi,
  ) {
    super();
    this.local = { sdp: localSdp };
    this.subscriptions = [
      [`esl::event::CHANNEL_HANGUP::${uuid}`, () => this.lost()],
      [
        `esl::event::DTMF::${uuid}`,
        (event) => {
          const digit = event.getHeader('DTMF-Digit');
          if (digit !== undefined) this.emit('dtmf', { dtmf: digit });
        },
      ],
    ];
    if (connection === null) return;
    for (const [name, listener] of this.subscriptions) connection.on(name, listener);
    onConnection.get(connection)?.add(this);
  }

  /** Subscribes a new connection to what the channels taken up on it report; `ended` is told when it ends, after its channels. */
  static subscribe(conn: EslChannelConnection, ended: () => void): Promise<void> {
    const endpoints = new Set<RecoveredEndpoint>();
    onConnection.set(conn, endpoints);
    conn.on('esl::end', () => {
      for (const endpoint of [...endpoints]) endpoint.lost();
      ended();
    });
    return new Promise<void>((resolve) => conn.events('json', EVENTS, resolve));
  }

  /**
   * Takes the channel up on `conn` (subscribed, and shared with the other
   * channels taken up); rejects when FreeSWITCH has no such channel any more.
   */
  static async attach(conn: EslChannelConnection, facts: ChannelFacts, srf: SrfApi): Promise<RecoveredEndpoint> {
    await new Promise<void>((resolve) => conn.filter('Unique-ID', facts.uuid, resolve));
    const sdp = await apiBody(conn, 'uuid_getvar', `${facts.uuid} rtp_local_sdp_str`);
    if (sdp.startsWith('-ERR') || !sdp.includes('v=0')) throw new Error(`FreeSWITCH has no channel ${facts.uuid}: ${sdp.trim()}`);
    return new RecoveredEndpoint(facts.uuid, conn, sdp, facts.mediaDialog, srf);
  }

  get conn(): EslChannelConnection | null {
    return this.connection;
  }

  get dialog(): { readonly id: string; readonly remote: { readonly uri: string } } | null {
    const m = this.mediaDialog;
    return m === undefined ? null : { id: m.stackDialogId, remote: { uri: m.target } };
  }

  /** The peer's new offer to FreeSWITCH: a re-INVITE on the channel's own SIP dialog; FreeSWITCH's answer is then `local.sdp`. */
  async modify(sdp: string): Promise<unknown> {
    const m = this.mediaDialog;
    if (m === undefined) throw new Error(`no SIP dialog saved for channel ${this.uuid}`);
    const outcome = await requestByStackId(this.srf, m.target, m.stackDialogId, { method: 'INVITE', headers: { 'Content-Type': 'application/sdp' }, body: sdp });
    if (outcome.kind === 'error') throw outcome.error;
    const res = outcome.response;
    if (res.status >= 300) throw new Error(`FreeSWITCH answered the re-INVITE ${res.status}`);
    if (res.body !== undefined && res.body.includes('v=0')) this.local = { sdp: res.body };
    return res;
  }

  async play(file: string): Promise<unknown> {
    const complete = await this.execute('playback', file);
    if (complete.getHeader('Application-Response') === 'FILE NOT FOUND') throw new Error('File Not Found');
    return complete;
  }

  async playCollect(opts: CollectOptions): Promise<CollectResult> {
    const args = [opts.min, opts.max, opts.tries, opts.timeout, opts.terminators, opts.file, 'silence_stream://250', 'flowcDigits', '\\d+', opts.digitTimeout].join(' ');
    const complete = await this.execute('play_and_get_digits', args);
    const digits = complete.getHeader('variable_flowcDigits');
    return digits === undefined ? {} : { digits };
  }

  async bridge(other: EndpointApi): Promise<unknown> {
    return this.ok(await this.api('uuid_bridge', `${this.uuid} ${other.uuid}`));
  }

  /** Joins a conference; resolves once FreeSWITCH reports the member added (the application itself runs until it leaves). */
  join(conference: string): Promise<unknown> {
    const conn = this.connection;
    if (conn === null) return Promise.reject(new Error('endpoint no longer active'));
    return new Promise((resolve, reject) => {
      const name = `esl::event::CUSTOM::${this.uuid}`;
      const timer = setTimeout(() => done(new Error(`not joined to ${conference} within 5 s`)), 5_000);
      const listener = (event: EslEventApi): void => {
        if (event.getHeader('Action') === 'add-member') done(undefined);
      };
      const done = (error: Error | undefined): void => {
        clearTimeout(timer);
        conn.removeListener(name, listener);
        if (error === undefined) resolve(undefined);
        else reject(error);
      };
      conn.on(name, listener);
      conn.executeAsync('conference', conference, this.uuid);
    });
  }

  api(command: string, args: string): Promise<string> {
    const conn = this.connection;
    if (conn === null) return Promise.reject(new Error('endpoint no longer active'));
    return apiBody(conn, command, args);
  }

  async destroy(): Promise<unknown> {
    const conn = this.connection;
    if (conn === null || this.gone) return undefined;
    this.gone = true;
    try {
      await apiBody(conn, 'uuid_kill', this.uuid);
    } finally {
      this.close();
    }
    return undefined;
  }

  /** Runs an application on the channel (sendmsg); resolves with its CHANNEL_EXECUTE_COMPLETE. */
  execute(app: string, arg: string): Promise<EslEventApi> {
    const conn = this.connection;
    if (conn === null) return Promise.reject(new Error('endpoint no longer active'));
    return new Promise((resolve) => conn.execute(app, arg, this.uuid, resolve));
  }

  private ok(body: string): string {
    if (!body.startsWith('+OK')) throw new Error(body.trim());
    return body;
  }

  /** FreeSWITCH hung the channel up, or the connection went: as an fsmrf endpoint would, it says `destroy` once. */
  private lost(): void {
    if (this.gone) return;
    this.gone = true;
    this.close();
    this.emit('destroy');
  }

  /** Stops listening; the shared connection stays (FreeswitchMedia closes it once no channel needs it). */
  private close(): void {
    const conn = this.connection;
    this.connection = null;
    if (conn === null) return;
    for (const [name, listener] of this.subscriptions) conn.removeListener(name, listener);
    onConnection.get(conn)?.delete(this);
    this.emit('closed');
  }
}

function apiBody(conn: EslChannelConnection, command: string, args: string): Promise<string> {
  return new Promise((resolve) => conn.api(command, args, (response) => resolve(response.getBody?.() ?? '')));
}
