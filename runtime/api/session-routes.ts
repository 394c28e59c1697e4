/**
 * Sessions: list and read them, start one (POST /sessions/:flow), give one
 * an application event (POST /sessions/:flow/:key/events), end one
 * (DELETE /sessions/:flow/:key).
 */
import type { FastifyInstance } from 'fastify';
import { FlowSession } from '../session/flow-session.js';
import type { ApiBackend } from './api-backend.js';
import { sendError, type ApiErrorCode } from './api-error.js';
import { readEventBody } from './event-body.js';
import { sessionView } from './session-view.js';

interface SessionParams {
  flow: string;
  key: string;
}

const START_BODY = {
  type: 'object',
  additionalProperties: false,
  properties: { inputs: { type: 'object' }, key: { type: 'string', minLength: 1, maxLength: 200 } },
} as const;

const START_STATUS: Readonly<Record<string, number>> = { unknown_flow: 404, invalid_inputs: 422, no_key: 422, duplicate_key: 409 };

const REJECTION_CODE: Readonly<Record<string, [number, ApiErrorCode]>> = {
  undeclared: [422, 'undeclared_event'],
  invalidFields: [422, 'invalid_event'],
  finished: [409, 'session_finished'],
  disposed: [409, 'session_finished'],
};

export function sessionRoutes(app: FastifyInstance, backend: ApiBackend): void {
  app.get<{ Querystring: { flow?: string } }>('/sessions', async (request) => {
    const wanted = request.query.flow;
    return [...backend.running()].filter((s) => wanted === undefined || s.flow === wanted).map(sessionView);
  });

  app.get<{ Params: SessionParams }>('/sessions/:flow/:key', async (request, reply) => {
    const session = backend.session(request.params.flow, request.params.key);
    if (session === undefined) return sendError(reply, 404, 'no_session', noSession(request.params));
    return sessionView(session);
  });

  app.post<{ Params: { flow: string }; Body: { inputs?: Record<string, unknown>; key?: string } }>('/sessions/:flow', { schema: { body: START_BODY } }, async (request, reply) => {
    const body = request.body ?? {};
    const started = backend.start(request.params.flow, body.inputs ?? {}, body.key);
    if (!(started instanceof FlowSession)) return sendError(reply, START_STATUS[started.code] ?? 400, started.code, started.message);
    return reply.code(201).send(sessionView(started));
  });

  app.post<{ Params: SessionParams; Body: unknown }>('/sessions/:flow/:key/events', async (request, reply) => {
    const session = backend.session(request.params.flow, request.params.key);
    if (session === undefined) return sendError(reply, 404, 'no_session', noSession(request.params));
    const read = readEventBody(session.machine, request.body);
    if (!read.ok) return sendError(reply, read.code === 'bad_request' ? 400 : 422, read.code, read.message);
    const rejection = session.deliver(read.event);
    if (rejection !== undefined) {
      const [status, code] = REJECTION_CODE[rejection.reason] ?? [422, 'invalid_event'];
      return sendError(reply, status, code, rejection.message);
    }
    return reply.code(202).send({ accepted: true, session: sessionView(session) });
  });

  app.delete<{ Params: SessionParams }>('/sessions/:flow/:key', async (request, reply) => {
    const session = backend.session(request.params.flow, request.params.key);
    if (session === undefined) return sendError(reply, 404, 'no_session', noSession(request.params));
    backend.end(session, 'ended by API');
    return reply.code(200).send({ ended: true, flow: session.flow, key: session.key });
  });
}

function noSession(params: SessionParams): string {
  return `no session \`${params.flow}(${params.key})\``;
}
