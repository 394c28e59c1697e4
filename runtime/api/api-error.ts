/**
 * Every error of the API is JSON `{ "error": { "code", "message" } }`. The
 * codes are stable (clients branch on them); messages are for people.
 */
import type { FastifyReply } from 'fastify';

export type ApiErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'not_found'
  | 'unknown_flow'
  | 'no_session'
  | 'undeclared_event'
  | 'invalid_event'
  | 'session_finished'
  | 'invalid_inputs'
  | 'no_key'
  | 'duplicate_key'
  | 'internal';

export interface ApiErrorBody {
  readonly error: { readonly code: ApiErrorCode; readonly message: string };
}

export function errorBody(code: ApiErrorCode, message: string): ApiErrorBody {
  return { error: { code, message } };
}

export function sendError(reply: FastifyReply, status: number, code: ApiErrorCode, message: string): FastifyReply {
  return reply.code(status).type('application/json').send(errorBody(code, message));
}
