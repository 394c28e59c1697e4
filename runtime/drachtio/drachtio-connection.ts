/**
 * The connection to drachtio-server, in either mode: inbound (we dial the
 * server, `--drachtio host:port:secret`) or outbound (the server dials us,
 * `--listen port:secret`). In inbound mode drachtio-srf reconnects by itself
 * with a growing delay (150 ms × 1.7ⁿ, capped here); this module says so in
 * the log, keeps `connected` true only while requests can go out, and never
 * lets a connection error escape as an unhandled 'error' event.
 */
import { SILENT_LOG, type AdapterLog } from './adapter-log.js';
import { createSrf } from './load-srf.js';
import { describeError } from './sip-error-status.js';
import type { SrfApi } from './srf-api.js';

export type DrachtioTarget =
  | { readonly mode: 'inbound'; readonly host: string; readonly port: number; readonly secret: string }
  | { readonly mode: 'outbound'; readonly port: number; readonly secret: string; readonly host?: string };

export interface DrachtioConnectionOptions {
  readonly target: DrachtioTarget;
  readonly log?: AdapterLog;
  /** Cap of the reconnect delay in inbound mode (default 10 s). */
  readonly retryMaxDelayMs?: number;
  /** Tests pass a fake; the default is a real Srf. */
  readonly srf?: SrfApi;
  /** Told every time the connection comes up or goes away. */
  readonly onChange?: (connected: boolean) => void;
}

export class DrachtioConnection {
  readonly srf: SrfApi;
  private up = false;
  private readonly log: AdapterLog;
  /** Outbound mode: the socket drachtio-server connects to, closed on stop. */
  private listening: { close(): unknown } | undefined;

  constructor(private readonly options: DrachtioConnectionOptions) {
    this.srf = options.srf ?? createSrf();
    this.log = options.log ?? SILENT_LOG;
    const where = describeTarget(options.target);
    this.srf.on('connect', (error, hostport) => {
      if (error !== null && error !== undefined) {
        this.log.error({ drachtio: where, error: describeError(error) }, 'drachtio-server refused the connection (check the secret)');
        return;
      }
      this.log.info({ drachtio: where, sip: hostport }, 'connected to drachtio-server');
      this.set(true);
    });
    this.srf.on('reconnecting', (next) => {
      this.log.warn({ drachtio: where, attempt: next.attempt, delayMs: next.delay }, 'drachtio-server unreachable: reconnecting');
    });
    this.srf.on('error', (error) => {
      this.log.warn({ drachtio: where, error: describeError(error) }, 'drachtio connection error');
      this.set(false);
    });
    this.srf.on('close', () => {
      if (this.up) this.log.warn({ drachtio: where }, 'drachtio-server connection closed');
      this.set(false);
    });
    this.srf.on('listening', () => this.log.info({ drachtio: where }, 'waiting for drachtio-server to connect (outbound mode)'));
  }

  get connected(): boolean {
    return this.up;
  }

  start(): void {
    const target = this.options.target;
    if (target.mode === 'inbound') {
      this.srf.connect({
        host: target.host,
        port: target.port,
        secret: target.secret,
        reconnect: { retryMaxDelay: this.options.retryMaxDelayMs ?? 10_000 },
      });
    } else {
      const server: unknown = this.srf.listen({ port: target.port, secret: target.secret, ...(target.host === undefined ? {} : { host: target.host }) });
      // drachtio-srf leaves the listening socket's errors (a port in use) unheard: they would end the process.
      if (typeof server === 'object' && server !== null && typeof (server as { on?: unknown }).on === 'function' && typeof (server as { close?: unknown }).close === 'function') {
        const listening = server as { on(event: 'error', listener: (error: unknown) => void): unknown; close(): unknown };
        listening.on('error', (error) => {
          this.log.error({ drachtio: describeTarget(target), error: describeError(error) }, 'cannot listen for drachtio-server');
        });
        this.listening = listening;
      }
    }
  }

  stop(): void {
    try {
      this.srf.disconnect();
    } catch (error) {
      this.log.debug({ error: describeError(error) }, 'disconnect from drachtio-server');
    }
    try {
      this.listening?.close();
    } catch (error) {
      this.log.debug({ error: describeError(error) }, 'close the listening socket');
    }
    this.listening = undefined;
    this.set(false);
  }

  private set(connected: boolean): void {
    if (this.up === connected) return;
    this.up = connected;
    this.options.onChange?.(connected);
  }
}

export function describeTarget(target: DrachtioTarget): string {
  return target.mode === 'inbound' ? `${target.host}:${target.port}` : `listening on ${target.host ?? '0.0.0.0'}:${target.port}`;
}
