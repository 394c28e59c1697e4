/**
 * New calls: the routing table picks the flow, a session is created with
 * the route's inputs and key, the flow's inbound leg is bound to the call's
 * dialog, and the session starts (its first step usually answers). Calls no
 * route takes are refused 404, calls whose INVITE lacks what the route
 * needs 400, calls while draining 503.
 */
import type { IncomingCall } from '../drachtio/incoming-call.js';
import { logs, type AdapterLog } from '../drachtio/adapter-log.js';
import { FlowSession } from '../session/flow-session.js';
import { flowLabels, type LiveMetrics } from './live-metrics.js';
import type { LiveSessions } from './live-sessions.js';
import type { RoutingTable } from './routing-table.js';

export interface CallIntakeOptions {
  readonly routes: RoutingTable;
  readonly sessions: LiveSessions;
  readonly metrics: LiveMetrics;
  readonly log: AdapterLog;
}

export function callIntake(options: CallIntakeOptions): (call: IncomingCall) => void {
  const { routes, sessions, metrics, log } = options;
  const refuse = (call: IncomingCall, status: number, reason: string, fields: object = {}): void => {
    metrics.inc('flowc_calls_refused_total', { reason });
    log.info({ callId: call.callId, requestUri: call.requestUri, status, reason, ...fields }, 'call refused');
    call.reject(status);
  };
  return (call) => {
    const routed = routes.route(call);
    if (routed.kind === 'none') return refuse(call, 404, 'no route');
    if (routed.kind === 'invalid') return refuse(call, 400, 'invalid invite', { route: routed.route.path, error: routed.message });
    const leg = routed.machine.legs.find((l) => l.inbound);
    if (leg === undefined) return refuse(call, 500, 'no inbound leg', { flow: routed.machine.name });
    const session = sessions.create(routed.machine, routed.inputs, routed.key);
    if (!(session instanceof FlowSession)) {
      return refuse(call, session.code === 'duplicate_key' ? 486 : 500, session.code, { flow: routed.machine.name, error: session.message });
    }
    call.accept(session);
    session.bindLeg(leg.name, call.dialogId);
    metrics.inc('flowc_calls_total', flowLabels(routed.machine.name));
    if (logs(log, 'info')) log.info({ callId: call.callId, flow: routed.machine.name, key: session.key, route: routed.route.path, leg: leg.name }, 'call taken');
    sessions.begin(session, call.callId);
  };
}
