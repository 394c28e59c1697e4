import { beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../../runtime/live/config-file.js';
import type { RouteConfig } from '../../../runtime/live/live-config.js';
import { checkRoutes } from '../../../runtime/live/route-check.js';
import { RoutingTable, type InviteFacts } from '../../../runtime/live/routing-table.js';
import type { AnyFlowMachine } from '../../../runtime/machine.js';
import { seedMachine } from './seed-machines.js';

let machines: AnyFlowMachine[];
beforeAll(async () => {
  machines = [await seedMachine('ExternalTransfer'), await seedMachine('AttendedTransfer')];
});

function routes(list: unknown[]): RouteConfig[] {
  const read = readConfig({ routes: list });
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  return [...read.config.routes];
}

const KALLIOPE = { extensionDomain: 'pbx.example', failoverUri: 'sip:voicemail@pbx.example' };

function invite(over: Partial<InviteFacts> & { headers?: Record<string, string> } = {}): InviteFacts {
  const headers: Record<string, string> = { From: '"Alice" <sip:alice@10.0.0.5>;tag=1', To: '<sip:100@pbx.example>', ...over.headers };
  return {
    callId: over.callId ?? 'c1@x',
    requestUri: over.requestUri ?? 'sip:100@pbx.example',
    requestUser: over.requestUser ?? '100',
    header: (name) => headers[name],
  };
}

describe('route checks against the loaded flows', () => {
  it('accepts routes that give every required input', () => {
    expect(checkRoutes(routes([{ flow: 'AttendedTransfer', user: '100', inputs: KALLIOPE, invite: { transferredUri: 'header:X-Transfer-To' } }]), machines)).toEqual([]);
  });

  it('points at the route key that is wrong', () => {
    const found = checkRoutes(
      routes([
        { flow: 'Nope', user: '1' },
        { flow: 'ExternalTransfer', user: '2' },
        { flow: 'AttendedTransfer', user: '3', inputs: { ...KALLIOPE, digitTimeout: 'soon', colour: 'red' }, invite: { transferredUri: 'requestUri', extensionDomain: 'toUser' } },
        { flow: 'AttendedTransfer', default: true, inputs: KALLIOPE },
        { flow: 'AttendedTransfer', user: '5', inputs: KALLIOPE, invite: { transferredUri: 'requestUri' } },
      ]),
      machines,
    );
    expect(found).toEqual([
      { path: 'routes[0].flow', message: 'no flow `Nope` is loaded (loaded: ExternalTransfer, AttendedTransfer)' },
      { path: 'routes[1].flow', message: 'flow `ExternalTransfer` has no inbound leg to take the call (declare `leg name inbound`)' },
      { path: 'routes[1].inputs', message: 'flow `ExternalTransfer` needs input `agentUri` (uri): give it in `inputs` or read it from the INVITE in `invite`' },
      { path: 'routes[1].inputs', message: 'flow `ExternalTransfer` needs input `customerUri` (uri): give it in `inputs` or read it from the INVITE in `invite`' },
      { path: 'routes[1].inputs', message: 'flow `ExternalTransfer` needs input `externalUri` (uri): give it in `inputs` or read it from the INVITE in `invite`' },
      { path: 'routes[2].inputs.digitTimeout', message: 'is a duration; "soon" is not (e.g. "30s", "500ms", or milliseconds)' },
      { path: 'routes[2].inputs.colour', message: expect.stringMatching(/^flow `AttendedTransfer` has no input `colour` \(inputs: transferredUri, /) },
      { path: 'routes[2].invite.extensionDomain', message: 'is also given in `inputs`: keep one' },
      { path: 'routes[3].inputs', message: 'flow `AttendedTransfer` needs input `transferredUri` (uri): give it in `inputs` or read it from the INVITE in `invite`' },
      { path: 'routes[4]', message: 'comes after the default route `routes[3]` and can never match' },
    ]);
  });
});

describe('RoutingTable', () => {
  const table = () =>
    new RoutingTable(
      routes([
        { flow: 'AttendedTransfer', user: '100', inputs: KALLIOPE, invite: { transferredUri: 'header:X-Transfer-To' } },
        { flow: 'AttendedTransfer', header: { name: 'X-Flow', value: 'kalliope' }, inputs: { ...KALLIOPE, transferredUri: 'sip:desk@pbx' }, key: 'header:X-Call' },
        { flow: 'AttendedTransfer', header: { name: 'X-Campaign', pattern: '^c-\\d+$' }, inputs: KALLIOPE, invite: { transferredUri: 'fromUri' } },
        { flow: 'AttendedTransfer', default: true, inputs: { ...KALLIOPE, transferredUri: 'sip:operator@pbx' } },
      ]),
      machines,
    );

  it('routes by Request-URI user with inputs from headers, keyed by Call-ID', () => {
    const routed = table().route(invite({ headers: { 'X-Transfer-To': 'sip:bob@pbx' } }));
    expect(routed).toMatchObject({ kind: 'route', route: { path: 'routes[0]' }, key: 'c1@x', inputs: { transferredUri: 'sip:bob@pbx', extensionDomain: 'pbx.example' } });
  });

  it('refuses the call when the INVITE lacks what the route reads', () => {
    expect(table().route(invite())).toEqual({ kind: 'invalid', route: expect.objectContaining({ path: 'routes[0]' }), message: 'the INVITE has no X-Transfer-To header for input `transferredUri`' });
  });

  it('routes by header value and pattern, and falls back to the default', () => {
    const t = table();
    expect(t.route(invite({ requestUser: '200', headers: { 'X-Flow': 'kalliope', 'X-Call': 'k-9' } }))).toMatchObject({ route: { path: 'routes[1]' }, key: 'k-9' });
    expect(t.route(invite({ requestUser: '200', headers: { 'X-Campaign': 'c-42' } }))).toMatchObject({ route: { path: 'routes[2]' }, inputs: { transferredUri: 'sip:alice@10.0.0.5' } });
    expect(t.route(invite({ requestUser: '200', headers: { 'X-Campaign': 'x-42' } }))).toMatchObject({ route: { path: 'routes[3]' } });
  });

  it('says `none` when nothing matches', () => {
    const t = new RoutingTable(routes([{ flow: 'AttendedTransfer', user: '100', inputs: { ...KALLIOPE, transferredUri: 'sip:x@y' } }]), machines);
    expect(t.route(invite({ requestUser: '999' }))).toEqual({ kind: 'none' });
  });
});
