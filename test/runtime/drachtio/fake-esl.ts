/**
 * An inbound event-socket connection as drachtio-modesl gives it, typed
 * against fsmrf-api.ts: it records the commands, answers them as FreeSWITCH
 * would for the channels it knows, and emits the channel's events under
 * modesl's names (`esl::event::<NAME>::<uuid>`).
 */
import { EventEmitter } from 'node:events';
import type { EslChannelConnection, EslEventApi } from '../../../runtime/drachtio/fsmrf-api.js';

export function eslEvent(headers: Readonly<Record<string, string>>, body?: string): EslEventApi {
  return { getHeader: (name) => headers[name], getBody: () => body };
}

/** The FreeSWITCH behind the connections: which channels exist and their local SDP. */
export class FakeEslServer {
  readonly channels = new Map<string, string>();
  readonly connections: FakeEslConnection[] = [];

  connect(): Promise<EslChannelConnection> {
    const conn = new FakeEslConnection(this);
    this.connections.push(conn);
    return Promise.resolve(conn);
  }

  /** Every command sent on any connection, in order. */
  get commands(): string[] {
    return this.connections.flatMap((c) => c.commands);
  }
}

export class FakeEslConnection extends EventEmitter implements EslChannelConnection {
  readonly commands: string[] = [];
  /** The channels (Unique-ID) whose events the connection takes. */
  readonly filters: string[] = [];
  subscribed = '';
  closed = false;
  /** Music playing on a channel: completes when broken. */
  private readonly playing = new Map<string, () => void>();

  constructor(private readonly server: FakeEslServer) {
    super();
  }

  events(_type: 'json', events: string, callback?: () => void): void {
    this.subscribed = events;
    callback?.();
  }

  filter(_header: string, value: string, callback?: () => void): void {
    this.filters.push(value);
    callback?.();
  }

  api(command: string, args: string, callback: (response: EslEventApi) => void): void {
    this.commands.push(`api ${command} ${args}`);
    const uuid = args.split(' ')[0] ?? '';
    const exists = this.server.channels.has(uuid);
    let body = exists ? '+OK' : '-ERR No such channel!';
    if (command === 'uuid_getvar') body = exists ? (this.server.channels.get(uuid) ?? '') : '-ERR No such channel!';
    if (command === 'uuid_kill' && exists) this.server.channels.delete(uuid);
    if (command === 'uuid_break') {
      const ended = this.playing.get(uuid);
      this.playing.delete(uuid);
      if (ended !== undefined) setImmediate(ended);
    }
    setImmediate(() => {
      callback(eslEvent({}, body));
      // What the command starts, FreeSWITCH reports afterwards on the channel.
      if (command === 'uuid_bridge' && exists) this.emit(`esl::event::CHANNEL_EXECUTE::${uuid}`, eslEvent({ Application: 'uuid_bridge' }));
      if ((command === 'uuid_park' || command === 'uuid_transfer') && exists) this.emit(`esl::event::CHANNEL_PARK::${uuid}`, eslEvent({}));
    });
  }

  execute(app: string, arg: string, uuid: string, callback: (complete: EslEventApi) => void): void {
    this.commands.push(`execute ${app} ${arg} ${uuid}`);
    const complete = (): void => callback(eslEvent({ Application: app, 'Application-Response': '_none_', variable_flowcDigits: '42' }));
    // Endless music plays until uuid_break; anything else is done at once.
    if (app === 'endless_playback') this.playing.set(uuid, complete);
    else setImmediate(complete);
  }

  executeAsync(app: string, arg: string, uuid: string): void {
    this.commands.push(`executeAsync ${app} ${arg} ${uuid}`);
    if (app === 'conference') setImmediate(() => this.emit(`esl::event::CUSTOM::${uuid}`, eslEvent({ Action: 'add-member' })));
  }

  disconnect(): void {
    this.closed = true;
  }

  /** The peer keys a digit in the RTP: FreeSWITCH's DTMF event. */
  dtmf(uuid: string, digit: string): void {
    this.emit(`esl::event::DTMF::${uuid}`, eslEvent({ 'DTMF-Digit': digit }));
  }

  /** FreeSWITCH hangs the channel up. */
  hangup(uuid: string): void {
    this.emit(`esl::event::CHANNEL_HANGUP::${uuid}`, eslEvent({}));
  }
}
