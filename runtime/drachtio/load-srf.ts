/**
 * The one place drachtio-srf is loaded. It is CommonJS: createRequire keeps
 * the import working under NodeNext without relying on interop defaults,
 * and the export is narrowed from `unknown` to what srf-api.ts declares.
 */
import { createRequire } from 'node:module';
import type { SrfApi } from './srf-api.js';

type SrfConstructor = new () => SrfApi;

const require = createRequire(import.meta.url);

let loaded: SrfConstructor | undefined;

/** A new, unconnected Srf. Throws only if the installed drachtio-srf is not the library this adapter was written for. */
export function createSrf(): SrfApi {
  loaded ??= srfConstructor(require('drachtio-srf') as unknown);
  return new loaded();
}

function srfConstructor(module: unknown): SrfConstructor {
  if (typeof module !== 'function') throw new Error('drachtio-srf does not export a constructor');
  const proto: unknown = (module as { prototype?: unknown }).prototype;
  for (const method of ['connect', 'listen', 'createUAC', 'createUAS', 'request', 'invite', 'use']) {
    if (typeof proto !== 'object' || proto === null || typeof (proto as Record<string, unknown>)[method] !== 'function') {
      throw new Error(`drachtio-srf has no Srf#${method}: an unsupported version`);
    }
  }
  return module as SrfConstructor;
}
