/**
 * The one place drachtio-fsmrf is loaded (CommonJS, no declarations): the
 * export is narrowed from `unknown` to the constructor fsmrf-api.ts types.
 * Mrf reaches FreeSWITCH through the application's own Srf, so it takes it.
 */
import { createRequire } from 'node:module';
import type { EslChannelConnection, EslConnectOptions, MrfApi } from './fsmrf-api.js';
import type { SrfApi } from './srf-api.js';

type MrfConstructor = new (srf: SrfApi) => MrfApi;

const require = createRequire(import.meta.url);

export function createMrf(srf: SrfApi): MrfApi {
  const module: unknown = require('drachtio-fsmrf');
  if (typeof module !== 'function') throw new Error('drachtio-fsmrf does not export a constructor');
  const proto: unknown = (module as { prototype?: unknown }).prototype;
  if (typeof proto !== 'object' || proto === null || typeof (proto as Record<string, unknown>)['connect'] !== 'function') {
    throw new Error('drachtio-fsmrf has no Mrf#connect: an unsupported version');
  }
  return new (module as MrfConstructor)(srf);
}

type EslConnectionConstructor = new (host: string, port: number, password: string, ready: () => void) => EslChannelConnection & {
  once(event: 'error', listener: (error: unknown) => void): unknown;
  removeListener(event: string, listener: (...args: never[]) => void): unknown;
};

/**
 * An inbound connection to FreeSWITCH's event socket through drachtio-modesl,
 * the event-socket library fsmrf itself uses (loaded from fsmrf's own
 * dependencies, so it is the same copy). Resolves once authenticated.
 */
export function connectEsl(opts: EslConnectOptions): Promise<EslChannelConnection> {
  const fsmrfRequire = createRequire(require.resolve('drachtio-fsmrf'));
  const module: unknown = fsmrfRequire('drachtio-modesl');
  const Connection: unknown = typeof module === 'object' && module !== null ? (module as { Connection?: unknown }).Connection : undefined;
  if (typeof Connection !== 'function') return Promise.reject(new Error('drachtio-modesl has no Connection: an unsupported drachtio-fsmrf'));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`no answer from FreeSWITCH's event socket at ${opts.host}:${opts.port} (wrong secret?)`)), 5_000);
    const conn = new (Connection as EslConnectionConstructor)(opts.host, opts.port, opts.secret, () => {
      clearTimeout(timer);
      conn.removeListener('error', fail);
      resolve(conn);
    });
    const fail = (error: unknown): void => {
      clearTimeout(timer);
      conn.disconnect();
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    conn.once('error', fail);
  });
}
