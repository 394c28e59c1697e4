/** GET /health (always open) and GET /metrics (Prometheus text format 0.0.4). */
import type { FastifyInstance } from 'fastify';
import type { ApiBackend } from './api-backend.js';

export function opsRoutes(app: FastifyInstance, backend: ApiBackend): void {
  app.get('/health', async (_request, reply) => {
    const health = backend.health();
    return reply.code(health.ok ? 200 : 503).send(health);
  });
  app.get('/metrics', async (_request, reply) => reply.type('text/plain; version=0.0.4; charset=utf-8').send(backend.metrics()));
}
