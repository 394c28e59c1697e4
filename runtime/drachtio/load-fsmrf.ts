/**
 * The one place drachtio-fsmrf is loaded (CommonJS, no declarations): the
 * export is narrowed from `unknown` to the constructor fsmrf-api.ts types.
 * Mrf reaches FreeSWITCH through the application's own Srf, so it takes it.
 */
import { createRequire } from 'node:module';
import type { MrfApi } from './fsmrf-api.js';
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
