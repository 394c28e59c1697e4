/** GET /flows and GET /flows/:flow: what can be started and which events each flow takes. */
import type { FastifyInstance } from 'fastify';
import type { FlowDescription } from '../machine.js';
import type { ApiBackend } from './api-backend.js';
import { sendError } from './api-error.js';

export interface FlowSummary {
  readonly name: string;
  readonly key: string | undefined;
  readonly legs: FlowDescription['legs'];
  readonly inputs: FlowDescription['inputs'];
  /** The application events the API accepts, with their fields. */
  readonly events: readonly { readonly type: string; readonly fields: Readonly<Record<string, string>> }[];
  readonly emits: readonly { readonly type: string; readonly fields: Readonly<Record<string, string>> }[];
}

export function flowSummary(flow: FlowDescription): FlowSummary {
  return {
    name: flow.name,
    key: flow.key,
    legs: flow.legs,
    inputs: flow.inputs,
    events: flow.events.filter((e) => e.source === 'application').map((e) => ({ type: e.type, fields: e.fields })),
    emits: flow.emits.map((e) => ({ type: e.type, fields: e.fields })),
  };
}

export function flowRoutes(app: FastifyInstance, backend: ApiBackend): void {
  app.get('/flows', async () => backend.flows().map(flowSummary));
  app.get<{ Params: { flow: string } }>('/flows/:flow', async (request, reply) => {
    const flow = backend.flows().find((f) => f.name === request.params.flow);
    if (flow === undefined) return sendError(reply, 404, 'unknown_flow', `no flow \`${request.params.flow}\``);
    return flowSummary(flow);
  });
}
