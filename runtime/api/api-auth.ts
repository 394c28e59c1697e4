/**
 * Token auth, when a token is configured: `Authorization: Bearer <token>`,
 * or `?token=` on the event stream (browsers cannot set headers on a
 * WebSocket). Compared in constant time over digests, so neither the
 * content nor the length of the token leaks through timing.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from './api-error.js';

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

export function tokenMatches(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  return timingSafeEqual(digest(expected), digest(given));
}

export function presentedToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header === 'string') {
    const m = /^Bearer\s+(.+)$/i.exec(header.trim());
    if (m !== null) return m[1];
  }
  const query: unknown = request.query;
  if (typeof query === 'object' && query !== null) {
    const token: unknown = (query as Record<string, unknown>)['token'];
    if (typeof token === 'string') return token;
  }
  return undefined;
}

/** A fastify onRequest hook refusing requests without the token; /health stays open for load balancers. */
export function requireToken(token: string): (request: FastifyRequest, reply: FastifyReply) => Promise<void> {
  return async (request, reply) => {
    if (request.url === '/health' || request.url.startsWith('/health?')) return;
    if (tokenMatches(token, presentedToken(request))) return;
    await sendError(reply, 401, 'unauthorized', 'a valid token is required: Authorization: Bearer <token>');
  };
}
