/**
 * The `flowc run` configuration, as the rest of the live app uses it. The
 * file format and every key are documented in docs/run.md; config-file.ts
 * reads the JSON into this shape, and command-line flags override it.
 */

export type DrachtioConfig = (
  | { readonly mode: 'inbound'; readonly host: string; readonly port: number; readonly secret: string }
  | { readonly mode: 'outbound'; readonly port: number; readonly secret: string; readonly host?: string }
) & {
  /**
   * How often calls made before a restart or reconnect are probed (OPTIONS)
   * to find their peer's hangup, which drachtio-server no longer sends us
   * (runtime/drachtio/orphan-watch.ts); default 30 s.
   */
  readonly orphanProbeMs?: number;
};

export interface FreeswitchConfig {
  readonly host: string;
  readonly port: number;
  readonly secret: string;
  /** Where FreeSWITCH's event-socket connections for new channels come back to. */
  readonly listenAddress?: string;
  readonly listenPort?: number;
  readonly advertisedAddress?: string;
  /** The FreeSWITCH SIP profile drachtio-fsmrf sends INVITEs to (default drachtio_mrf). */
  readonly profile?: string;
}

/** Where an input's value comes from in a new INVITE. */
export type InviteSource =
  | { readonly from: 'requestUser' | 'requestUri' | 'callId' | 'fromUser' | 'fromUri' | 'toUser' | 'toUri' }
  | { readonly from: 'header'; readonly name: string };

export type RouteMatch =
  | { readonly kind: 'user'; readonly user: string }
  | { readonly kind: 'header'; readonly name: string; readonly value?: string; readonly pattern?: RegExp }
  | { readonly kind: 'default' };

export interface RouteConfig {
  readonly flow: string;
  readonly match: RouteMatch;
  /** Fixed input values for the flows this route starts (JSON values, typed by the flow's inputs). */
  readonly inputs: Readonly<Record<string, unknown>>;
  /** Inputs read from the INVITE. */
  readonly invite: Readonly<Record<string, InviteSource>>;
  /** The instance key, when the flow declares none (default: the INVITE's Call-ID). */
  readonly key: InviteSource;
  /** `routes[i]`, for messages. */
  readonly path: string;
}

export interface ApiConfig {
  readonly host: string;
  readonly port: number;
  /** Required as `Authorization: Bearer <token>` (or `?token=` on the stream) when set. */
  readonly token?: string;
}

export type StoreConfig =
  | { readonly type: 'file'; readonly directory: string; readonly sync: boolean }
  | { readonly type: 'memory' }
  /** `url` is redis://[user:password@]host[:port][/db]; `prefix` starts every key (`flowc:sessions`). */
  | { readonly type: 'redis'; readonly url: string; readonly prefix: string };

export const DEFAULT_REDIS_PREFIX = 'flowc:';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface LiveConfig {
  /** `.flow` files and directories (the command line adds its own). */
  readonly flows: readonly string[];
  readonly drachtio: DrachtioConfig | undefined;
  readonly freeswitch: FreeswitchConfig | undefined;
  /** The description offered when there is no FreeSWITCH (signalling only). */
  readonly sdp: { readonly address: string; readonly port: number };
  readonly routes: readonly RouteConfig[];
  readonly api: ApiConfig | undefined;
  readonly store: StoreConfig;
  /** How long running calls may go on after SIGTERM before they are ended. */
  readonly drainMs: number;
  readonly logLevel: LogLevel;
}

export const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export const DEFAULT_CONFIG: LiveConfig = {
  flows: [],
  drachtio: undefined,
  freeswitch: undefined,
  sdp: { address: '127.0.0.1', port: 9 },
  routes: [],
  api: undefined,
  store: { type: 'file', directory: 'flowc-state', sync: true },
  drainMs: 30_000,
  logLevel: 'info',
};
