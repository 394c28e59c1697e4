/**
 * The connection to FreeSWITCH through drachtio-fsmrf, kept up: when it
 * drops, every endpoint on it is gone (FreeswitchMedia tells their sessions)
 * and the connection is tried again with a doubling delay, said in the log.
 */
import { SILENT_LOG, type AdapterLog } from './adapter-log.js';
import type { MediaServerApi, MrfApi, MrfConnectOptions } from './fsmrf-api.js';
import { describeError } from './sip-error-status.js';

export interface FreeswitchConnectionOptions {
  readonly mrf: MrfApi;
  readonly connect: MrfConnectOptions;
  readonly log?: AdapterLog;
  /** FreeSWITCH went away: its endpoints are gone. */
  readonly lost?: () => void;
  /** FreeSWITCH is connected (first time or again): channels waiting to be taken up can be. */
  readonly connected?: () => void;
  readonly firstRetryMs?: number;
  readonly maxRetryMs?: number;
  /** Tests replace the timer. */
  readonly schedule?: (run: () => void, ms: number) => { cancel(): void };
}

export class FreeswitchConnection {
  private current: MediaServerApi | undefined;
  private attempt = 0;
  private stopped = false;
  private pending: { cancel(): void } | undefined;
  private readonly log: AdapterLog;

  constructor(private readonly options: FreeswitchConnectionOptions) {
    this.log = options.log ?? SILENT_LOG;
  }

  get server(): MediaServerApi | undefined {
    return this.current;
  }

  /** Resolves after the first attempt (connected or not: later attempts go on in the background). */
  async start(): Promise<boolean> {
    this.stopped = false;
    return this.tryConnect();
  }

  stop(): void {
    this.stopped = true;
    this.pending?.cancel();
    this.pending = undefined;
    const server = this.current;
    this.current = undefined;
    if (server !== undefined) {
      try {
        server.disconnect();
      } catch (error) {
        this.log.debug({ error: describeError(error) }, 'disconnect from FreeSWITCH');
      }
    }
  }

  private async tryConnect(): Promise<boolean> {
    const where = `${this.options.connect.address}:${this.options.connect.port}`;
    try {
      const server = await this.options.mrf.connect(this.options.connect);
      if (this.stopped) {
        server.disconnect();
        return false;
      }
      this.current = server;
      this.attempt = 0;
      server.on('end', () => this.dropped(server, 'connection ended'));
      server.on('error', (error) => this.log.warn({ freeswitch: where, error: describeError(error) }, 'FreeSWITCH connection error'));
      this.log.info({ freeswitch: where }, 'connected to FreeSWITCH');
      this.options.connected?.();
      return true;
    } catch (error) {
      this.log.warn({ freeswitch: where, error: describeError(error) }, 'FreeSWITCH unreachable');
      this.retry();
      return false;
    }
  }

  private dropped(server: MediaServerApi, why: string): void {
    if (this.current !== server) return;
    this.current = undefined;
    this.log.error({ freeswitch: `${this.options.connect.address}:${this.options.connect.port}`, reason: why }, 'lost FreeSWITCH: its calls lose their media');
    this.options.lost?.();
    try {
      server.disconnect();
    } catch {
      // the connection is gone already
    }
    this.retry();
  }

  private retry(): void {
    if (this.stopped) return;
    const first = this.options.firstRetryMs ?? 1_000;
    const delay = Math.min(first * 2 ** this.attempt, this.options.maxRetryMs ?? 30_000);
    this.attempt++;
    this.log.info({ attempt: this.attempt, delayMs: delay }, 'reconnecting to FreeSWITCH');
    const schedule = this.options.schedule ?? defaultSchedule;
    this.pending = schedule(() => {
      this.pending = undefined;
      void this.tryConnect();
    }, delay);
  }
}

function defaultSchedule(run: () => void, ms: number): { cancel(): void } {
  const handle = setTimeout(run, ms);
  handle.unref();
  return { cancel: () => clearTimeout(handle) };
}
