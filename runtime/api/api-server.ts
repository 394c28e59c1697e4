/**
 * The control API as a fastify instance: token auth when configured, the
 * routes, and every error (unknown route, bad JSON, schema violations, bugs)
 * as `{ error: { code, message } }`. `listen` binds it; tests use `inject`
 * or listen on 127.0.0.1:0.
 */
import websocket from '@fastify/websocket';
import { fastify, type FastifyError, type FastifyInstance } from 'fastify';
import { SILENT_LOG, type AdapterLog } from '../drachtio/adapter-log.js';
import type { ApiBackend } from './api-backend.js';
import { requireToken } from './api-auth.js';
import { sendError } from './api-error.js';
import { flowRoutes } from './flow-routes.js';
import { opsRoutes } from './ops-routes.js';
import { sessionRoutes } from './session-routes.js';
import { streamRoute } from './stream-route.js';

export interface ApiOptions {
  readonly token?: string;
  /** Where handler failures are logged (requests themselves are not: the session logs say what happened). */
  readonly log?: AdapterLog;
}

export async function buildApi(backend: ApiBackend, options: ApiOptions = {}): Promise<FastifyInstance> {
  const log = options.log ?? SILENT_LOG;
  const app = fastify({
    logger: false,
    bodyLimit: 64 * 1024,
    // Validate, never repair: an unknown property is an error, and "1" is not a number.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false } },
  });
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  if (options.token !== undefined) app.addHook('onRequest', requireToken(options.token));
  app.setNotFoundHandler((request, reply) => sendError(reply, 404, 'not_found', `no route ${request.method} ${request.url.split('?')[0] ?? ''}`));
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if (error.validation !== undefined) return sendError(reply, 400, 'bad_request', `request ${error.message}`);
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) return sendError(reply, status, 'bad_request', error.message);
    log.error({ error: error.message, stack: error.stack }, 'API handler failed');
    return sendError(reply, 500, 'internal', 'internal error (logged)');
  });
  await app.register(async (scope) => {
    opsRoutes(scope, backend);
    flowRoutes(scope, backend);
    sessionRoutes(scope, backend);
    streamRoute(scope, backend);
  });
  return app;
}
