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
}

export interface EndpointApi {
  readonly uuid: string;
  /** null once the channel's connection has ended. */
  readonly conn: EslConnectionApi | null;
  readonly local: { readonly sdp: string };
  /** re-INVITE FreeSWITCH with the peer's SDP; FreeSWITCH's answer is then `local.sdp`. */
  modify(sdp: string): Promise<unknown>;
  /** Resolves when the file has played (or was broken off). */
  play(file: string): Promise<unknown>;
  playCollect(opts: CollectOptions): Promise<CollectResult>;
  bridge(other: EndpointApi): Promise<unknown>;
  /** Takes the channel out of a bridge or conference (uuid_transfer to park). */
  unbridge(): Promise<unknown>;
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
