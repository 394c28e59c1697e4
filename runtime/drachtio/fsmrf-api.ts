/**
 * The part of drachtio-fsmrf 4.1.2 this adapter uses, typed by hand (the
 * package ships no declarations). A media server is a FreeSWITCH reached
 * over its event socket; an endpoint is one FreeSWITCH channel whose SDP a
 * SIP dialog carries.
 */
export interface MrfConnectOptions {
  readonly address: string;
  readonly port: number;
  readonly secret: string;
  /** Where FreeSWITCH's outbound event-socket connections come back to (fsmrf listens there). */
  readonly listenAddress?: string;
  readonly listenPort?: number;
  readonly advertisedAddress?: string;
  readonly profile?: string;
}

export interface MrfApi {
  connect(opts: MrfConnectOptions): Promise<MediaServerApi>;
}

export interface DtmfEvent {
  readonly dtmf: string;
}

export interface CollectOptions {
  readonly file: string;
  readonly min: number;
  readonly max: number;
  readonly tries: number;
  readonly timeout: number;
  readonly digitTimeout: number;
  readonly terminators: string;
}

export interface CollectResult {
  readonly digits?: string;
}

/** One event FreeSWITCH sent on an endpoint's event socket (drachtio-modesl's Event). */
export interface EslEventApi {
  getHeader(name: string): string | undefined;
  getBody?(): string | undefined;
}

/**
 * The endpoint's own outbound event-socket connection (drachtio-modesl's
 * Connection). fsmrf subscribes it to the channel's CHANNEL_EXECUTE events
 * among others and emits each as `esl::event::<name>::<uuid>`; the adapter
 * listens there to know when FreeSWITCH has actually done what a command
 * only started (a uuid_bridge, a transfer to park).
 */
export interface EslConnectionApi {
  on(event: string, listener: (event: EslEventApi) => void): unknown;
  removeListener(event: string, listener: (event: EslEventApi) => void): unknown;
  /** Adds these events (space separated) to what the connection receives (FreeSWITCH's `event` command adds up). */
  subscribe?(events: string): unknown;
}

export interface EndpointApi {
  readonly uuid: string;
  /** null once the channel's connection has ended. */
  readonly conn: EslConnectionApi | null;
  /** The SIP dialog between drachtio-server and FreeSWITCH that carries the channel (saved to re-INVITE it after a restart). */
  readonly dialog?: { readonly id: string; readonly remote: { readonly uri: string } } | null;
  readonly local: { readonly sdp: string };
  /** re-INVITE FreeSWITCH with the peer's SDP; FreeSWITCH's answer is then `local.sdp`. */
  modify(sdp: string): Promise<unknown>;
  /** Resolves when the file has played (or was broken off). */
  play(file: string): Promise<unknown>;
  /** Runs a dialplan application on the channel; resolves when it finishes (or is broken off). */
  execute(app: string, arg: string): Promise<unknown>;
  playCollect(opts: CollectOptions): Promise<CollectResult>;
  bridge(other: EndpointApi): Promise<unknown>;
  join(conference: string): Promise<unknown>;
  api(command: string, args: string): Promise<unknown>;
  destroy(): Promise<unknown>;
  on(event: 'dtmf', listener: (event: DtmfEvent) => void): unknown;
  /** FreeSWITCH hung the channel up, or its connection went away. */
  on(event: 'destroy', listener: () => void): unknown;
}

export interface MediaServerApi {
  createEndpoint(opts?: { readonly remoteSdp?: string }): Promise<EndpointApi>;
  /** A FreeSWITCH API command; resolves with the response body. */
  api(command: string): Promise<string>;
  disconnect(): void;
  on(event: 'end', listener: () => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
}

/**
 * An inbound event-socket connection of its own (drachtio-modesl's
 * Connection, which fsmrf uses underneath): after a restart of flowc it
 * takes up a channel the outbound connection of the old process left
 * behind, by its uuid (sendmsg, uuid_* commands, the channel's events).
 */
export interface EslChannelConnection extends EslConnectionApi {
  /** Subscribes, in JSON, to these events (space separated). */
  events(type: 'json', events: string, callback?: () => void): void;
  /** Only events whose header has this value (filters of one header add up). */
  filter(header: string, value: string, callback?: () => void): void;
  /** An API command; the callback gets the response (its body is the result). */
  api(command: string, args: string, callback: (response: EslEventApi) => void): void;
  /** sendmsg execute on the channel `uuid`; the callback gets its CHANNEL_EXECUTE_COMPLETE. */
  execute(app: string, arg: string, uuid: string, callback: (complete: EslEventApi) => void): void;
  /** As execute, without waiting for the application to finish before the next one (conference). */
  executeAsync(app: string, arg: string, uuid: string, callback?: (complete: EslEventApi) => void): void;
  disconnect(): void;
}

export interface EslConnectOptions {
  readonly host: string;
  readonly port: number;
  readonly secret: string;
}
