/**
 * Which flow takes a new INVITE: the first route, in config order, whose
 * match fits (the Request-URI user, a header's value or pattern, or the
 * default), then the inputs that route gives the flow and its instance key.
 */
import type { IncomingCall } from '../drachtio/incoming-call.js';
import type { AnyFlowMachine, InputInfo } from '../machine.js';
import { parseNameAddr } from '../sip/name-addr.js';
import { parseUri } from '../sip/uri.js';
import type { Value } from '../values.js';
import { inputValue, readInputs, type InputsRead } from './input-values.js';
import type { InviteSource, RouteConfig, RouteMatch } from './live-config.js';

/** What an INVITE offers a route: `IncomingCall` without the decision. */
export type InviteFacts = Pick<IncomingCall, 'callId' | 'requestUri' | 'requestUser' | 'header'>;

export type Routed =
  | { readonly kind: 'route'; readonly route: RouteConfig; readonly machine: AnyFlowMachine; readonly inputs: Readonly<Record<string, Value>>; readonly key: string | undefined }
  /** No route matches: the call is refused (404). */
  | { readonly kind: 'none' }
  /** A route matched but the INVITE does not give its flow valid inputs (a missing header): refused (400). */
  | { readonly kind: 'invalid'; readonly route: RouteConfig; readonly message: string };

/**
 * A route as every INVITE meets it: its fixed inputs typed once, the ones
 * read from the INVITE listed with their declared types. Building the whole
 * input set per call (maps, spreads, typing the fixed ones again) was a
 * visible part of a live call's CPU in the benchmark.
 */
interface PreparedRoute {
  readonly route: RouteConfig;
  readonly machine: AnyFlowMachine | undefined;
  /** The fixed inputs typed, or why they are not valid (refused at every call, as before). */
  readonly fixed: InputsRead;
  readonly fromInvite: readonly { readonly name: string; readonly source: InviteSource; readonly input: InputInfo | undefined }[];
  /** Required inputs neither fixed nor read from the INVITE. */
  readonly missing: readonly string[];
}

export class RoutingTable {
  private readonly prepared: readonly PreparedRoute[];

  constructor(
    private readonly routes: readonly RouteConfig[],
    machines: readonly AnyFlowMachine[],
  ) {
    const byName = new Map(machines.map((m) => [m.name, m]));
    this.prepared = routes.map((route) => prepare(route, byName.get(route.flow)));
  }

  get size(): number {
    return this.routes.length;
  }

  route(invite: InviteFacts): Routed {
    const prepared = this.prepared.find((p) => matches(p.route.match, invite));
    if (prepared === undefined) return { kind: 'none' };
    const { route, machine, fixed } = prepared;
    if (machine === undefined) return { kind: 'invalid', route, message: `flow \`${route.flow}\` is not loaded` };
    if (!fixed.ok) return { kind: 'invalid', route, message: fixed.message };
    let values: Record<string, Value> | undefined;
    for (const { name, source, input } of prepared.fromInvite) {
      const raw = inviteValue(source, invite);
      if (raw === undefined) return { kind: 'invalid', route, message: `the INVITE has no ${describeSource(source)} for input \`${name}\`` };
      // Unknown or mistyped: the full reading says which, in its words.
      const typed = input === undefined ? undefined : inputValue(raw, input.type);
      if (typed === undefined) {
        const read = readInputs({ ...route.inputs, [name]: raw }, machine.inputs);
        return { kind: 'invalid', route, message: read.ok ? `input \`${name}\` is not valid` : read.message };
      }
      (values ??= { ...fixed.values })[name] = typed;
    }
    if (prepared.missing.length > 0) {
      const read = readInputs({ ...route.inputs }, machine.inputs);
      return { kind: 'invalid', route, message: read.ok ? `missing inputs ${prepared.missing.join(', ')}` : read.message };
    }
    // A flow that declares its key finds it among its inputs; otherwise the route says where it comes from.
    const key = machine.key === undefined ? inviteValue(route.key, invite) : undefined;
    if (machine.key === undefined && key === undefined) return { kind: 'invalid', route, message: `the INVITE has no ${describeSource(route.key)} for the instance key` };
    return { kind: 'route', route, machine, inputs: values ?? fixed.values, key };
  }
}

function prepare(route: RouteConfig, machine: AnyFlowMachine | undefined): PreparedRoute {
  if (machine === undefined) return { route, machine, fixed: { ok: true, values: {} }, fromInvite: [], missing: [] };
  const declared = new Map(machine.inputs.map((i) => [i.name, i]));
  // The fixed inputs alone, checked for unknown names and types (not for what the INVITE adds).
  const fixedRead = readInputs(route.inputs, machine.inputs.map((i) => ({ ...i, optional: true })));
  const fromInvite = Object.entries(route.invite).map(([name, source]) => ({ name, source, input: declared.get(name) }));
  const given = new Set([...Object.keys(route.inputs), ...Object.keys(route.invite)]);
  const missing = machine.inputs.filter((i) => !i.optional && !given.has(i.name)).map((i) => i.name);
  return { route, machine, fixed: fixedRead, fromInvite, missing };
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
