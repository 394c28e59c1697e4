/**
 * Which flow takes a new INVITE: the first route, in config order, whose
 * match fits (the Request-URI user, a header's value or pattern, or the
 * default), then the inputs that route gives the flow and its instance key.
 */
import type { IncomingCall } from '../drachtio/incoming-call.js';
import type { AnyFlowMachine } from '../machine.js';
import { parseNameAddr } from '../sip/name-addr.js';
import { parseUri } from '../sip/uri.js';
import type { Value } from '../values.js';
import { readInputs } from './input-values.js';
import type { InviteSource, RouteConfig, RouteMatch } from './live-config.js';

/** What an INVITE offers a route: `IncomingCall` without the decision. */
export type InviteFacts = Pick<IncomingCall, 'callId' | 'requestUri' | 'requestUser' | 'header'>;

export type Routed =
  | { readonly kind: 'route'; readonly route: RouteConfig; readonly machine: AnyFlowMachine; readonly inputs: Readonly<Record<string, Value>>; readonly key: string | undefined }
  /** No route matches: the call is refused (404). */
  | { readonly kind: 'none' }
  /** A route matched but the INVITE does not give its flow valid inputs (a missing header): refused (400). */
  | { readonly kind: 'invalid'; readonly route: RouteConfig; readonly message: string };

export class RoutingTable {
  private readonly machines: ReadonlyMap<string, AnyFlowMachine>;

  constructor(
    private readonly routes: readonly RouteConfig[],
    machines: readonly AnyFlowMachine[],
  ) {
    this.machines = new Map(machines.map((m) => [m.name, m]));
  }

  get size(): number {
    return this.routes.length;
  }

  route(invite: InviteFacts): Routed {
    const route = this.routes.find((r) => matches(r.match, invite));
    if (route === undefined) return { kind: 'none' };
    const machine = this.machines.get(route.flow);
    if (machine === undefined) return { kind: 'invalid', route, message: `flow \`${route.flow}\` is not loaded` };
    const raw: Record<string, unknown> = { ...route.inputs };
    for (const [name, source] of Object.entries(route.invite)) {
      const value = inviteValue(source, invite);
      if (value === undefined) return { kind: 'invalid', route, message: `the INVITE has no ${describeSource(source)} for input \`${name}\`` };
      raw[name] = value;
    }
    const inputs = readInputs(raw, machine.inputs);
    if (!inputs.ok) return { kind: 'invalid', route, message: inputs.message };
    // A flow that declares its key finds it among its inputs; otherwise the route says where it comes from.
    const key = machine.key === undefined ? inviteValue(route.key, invite) : undefined;
    if (machine.key === undefined && key === undefined) return { kind: 'invalid', route, message: `the INVITE has no ${describeSource(route.key)} for the instance key` };
    return { kind: 'route', route, machine, inputs: inputs.values, key };
  }
}

function matches(match: RouteMatch, invite: InviteFacts): boolean {
  switch (match.kind) {
    case 'default':
      return true;
    case 'user':
      return invite.requestUser === match.user;
    case 'header': {
      const value = invite.header(match.name);
      if (value === undefined) return false;
      if (match.pattern !== undefined) return match.pattern.test(value);
      return match.value === undefined || value.trim() === match.value;
    }
  }
}

export function inviteValue(source: InviteSource, invite: InviteFacts): string | undefined {
  switch (source.from) {
    case 'header':
      return invite.header(source.name);
    case 'callId':
      return invite.callId === '' ? undefined : invite.callId;
    case 'requestUri':
      return invite.requestUri;
    case 'requestUser':
      return invite.requestUser;
    case 'fromUri':
    case 'fromUser':
      return addressPart(invite.header('From'), source.from === 'fromUser');
    case 'toUri':
    case 'toUser':
      return addressPart(invite.header('To'), source.from === 'toUser');
  }
}

function addressPart(header: string | undefined, user: boolean): string | undefined {
  if (header === undefined) return undefined;
  const nameAddr = parseNameAddr(header);
  if (!nameAddr.ok) return undefined;
  if (!user) return nameAddr.value.uri;
  const uri = parseUri(nameAddr.value.uri);
  return uri.ok ? uri.value.user : undefined;
}

function describeSource(source: InviteSource): string {
  return source.from === 'header' ? `${source.name} header` : source.from;
}
