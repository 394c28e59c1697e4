/**
 * GET /stream (WebSocket): the live event stream as JSON messages, one
 * event each, optionally only one flow's or one session's
 * (`?flow=ExternalTransfer&key=c1`). A client that stops reading is
 * disconnected (1013) rather than buffered without bound.
 */
import type { FastifyInstance } from 'fastify';
import type { LiveEvent } from '../live/live-events.js';
import type { ApiBackend } from './api-backend.js';

/** Bytes a slow client may have queued before it is dropped. */
const MAX_BUFFERED = 4 * 1024 * 1024;

export function streamRoute(app: FastifyInstance, backend: ApiBackend): void {
  app.get<{ Querystring: { flow?: string; key?: string } }>('/stream', { websocket: true }, (socket, request) => {
    const { flow, key } = request.query;
    const wanted = (event: LiveEvent): boolean => (flow === undefined || event.flow === flow) && (key === undefined || event.key === key);
    const unsubscribe = backend.events.subscribe((event) => {
      if (!wanted(event)) return;
      if (socket.bufferedAmount > MAX_BUFFERED) {
        socket.close(1013, 'too slow: reconnect');
        return;
      }
      socket.send(JSON.stringify(event));
    });
    socket.on('close', unsubscribe);
    socket.on('error', unsubscribe);
    // The stream is one-way; anything a client sends is ignored.
    socket.on('message', () => undefined);
  });
}
