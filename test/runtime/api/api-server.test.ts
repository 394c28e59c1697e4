import type { AddressInfo } from 'node:net';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { buildApi } from '../../../runtime/api/api-server.js';
import type { LiveEvent } from '../../../runtime/live/live-events.js';
import type { AnyFlowMachine } from '../../../runtime/machine.js';
import { EXTERNAL_TRANSFER_INPUTS, memoryLive, type MemoryLive } from '../live/memory-live.js';
import { seedMachine } from '../live/seed-machines.js';

let machines: AnyFlowMachine[];
beforeAll(async () => {
  machines = [await seedMachine('ExternalTransfer'), await seedMachine('AttendedTransfer')];
});

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function api(token?: string) {
  const live = memoryLive(machines);
  const app = await buildApi(live.system, token === undefined ? {} : { token });
  closers.push(() => app.close());
  return { live, app };
}

/** Brings a started ExternalTransfer to Talking by playing the peers on the memory SIP port. */
function toTalking(live: MemoryLive, key: string): void {
  const session = live.system.session('ExternalTransfer', key);
  if (session === undefined) throw new Error('no session');
  const signal = (leg: string, type: 'answered') => {
    const dialog = session.dialogOf(leg);
    if (dialog === undefined) throw new Error(`no dialog for ${leg}`);
    live.sip.signal(dialog, { type });
  };
  signal('agent', 'answered');
  signal('customer', 'answered');
  signal('customer', 'answered'); // the takeover's INVITE with Replaces answered
}

describe('control API', () => {
  it('lists the flows with the application events the API takes', async () => {
    const { app } = await api();
    const res = await app.inject({ method: 'GET', url: '/flows' });
    expect(res.statusCode).toBe(200);
    const flows = res.json<{ name: string; events: { type: string }[] }[]>();
    expect(flows.map((f) => f.name)).toEqual(['ExternalTransfer', 'AttendedTransfer']);
    expect(flows[0]?.events.map((e) => e.type)).toEqual(['Consult', 'CancelConsult', 'Transfer']);
    expect((await app.inject({ method: 'GET', url: '/flows/Nope' })).json()).toEqual({ error: { code: 'unknown_flow', message: 'no flow `Nope`' } });
  });

  it('starts a flow with typed inputs (outreach, nailing) and shows the session', async () => {
    const { app, live } = await api();
    const res = await app.inject({ method: 'POST', url: '/sessions/ExternalTransfer', payload: { key: 'job-1', inputs: EXTERNAL_TRANSFER_INPUTS } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ flow: 'ExternalTransfer', key: 'job-1', status: 'active', state: ['Nailing'], legs: [{ leg: 'agent', state: 'dialing', dialogId: 'd1' }, { leg: 'customer', state: 'idle' }, { leg: 'external', state: 'idle' }] });
    expect(live.sip.calls).toMatchObject([{ op: 'dial', request: { to: 'sip:5020@127.0.0.20' } }]);
    const view = await app.inject({ method: 'GET', url: '/sessions/ExternalTransfer/job-1' });
    expect(view.json()).toMatchObject({ key: 'job-1', timers: [] });
    expect((await app.inject({ method: 'GET', url: '/sessions?flow=ExternalTransfer' })).json()).toHaveLength(1);
    expect((await app.inject({ method: 'GET', url: '/sessions?flow=AttendedTransfer' })).json()).toEqual([]);
  });

  it('generates a key for a flow that declares none, and refuses what it cannot start', async () => {
    const { app } = await api();
    const generated = await app.inject({ method: 'POST', url: '/sessions/ExternalTransfer', payload: { inputs: EXTERNAL_TRANSFER_INPUTS } });
    expect(generated.json<{ key: string }>().key).toMatch(/\S/);
    const cases: [unknown, string, number, string][] = [
      [{ inputs: EXTERNAL_TRANSFER_INPUTS }, '/sessions/Nope', 404, 'unknown_flow'],
      [{ inputs: { agentUri: 'sip:a@b' } }, '/sessions/ExternalTransfer', 422, 'invalid_inputs'],
      [{ inputs: { ...EXTERNAL_TRANSFER_INPUTS, extra: 1 } }, '/sessions/ExternalTransfer', 422, 'invalid_inputs'],
      [{ inputs: { ...EXTERNAL_TRANSFER_INPUTS, agentUri: 42 } }, '/sessions/ExternalTransfer', 201, ''],
      [{ inputs: {}, nonsense: true }, '/sessions/ExternalTransfer', 400, 'bad_request'],
      [{ inputs: EXTERNAL_TRANSFER_INPUTS }, '/sessions/AttendedTransfer', 422, 'invalid_inputs'],
    ];
    for (const [payload, url, status, code] of cases) {
      const res = await app.inject({ method: 'POST', url, payload: payload as Record<string, unknown> });
      expect([url, res.statusCode]).toEqual([url, status]);
      if (code !== '') expect(res.json<{ error: { code: string } }>().error.code).toBe(code);
    }
    await app.inject({ method: 'POST', url: '/sessions/ExternalTransfer', payload: { key: 'k', inputs: EXTERNAL_TRANSFER_INPUTS } });
    const again = await app.inject({ method: 'POST', url: '/sessions/ExternalTransfer', payload: { key: 'k', inputs: EXTERNAL_TRANSFER_INPUTS } });
    expect([again.statusCode, again.json<{ error: { code: string } }>().error.code]).toEqual([409, 'duplicate_key']);
  });

  it('delivers application events, validated against the flow, and answers with the new state', async () => {
    const { app, live } = await api();
    await app.inject({ method: 'POST', url: '/sessions/ExternalTransfer', payload: { key: 'c1', inputs: EXTERNAL_TRANSFER_INPUTS } });
    toTalking(live, 'c1');
    const consult = await app.inject({ method: 'POST', url: '/sessions/ExternalTransfer/c1/events', payload: { type: 'Consult' } });
    expect(consult.statusCode).toBe(202);
    expect(consult.json()).toMatchObject({ accepted: true, session: { state: ['Consulting'] } });
    const refused: [unknown, number, string][] = [
      [{ type: 'Release' }, 422, 'undeclared_event'],
      [{ type: 'agent.answered' }, 422, 'undeclared_event'],
      [{ type: '$timer', timer: 'Transferring#0' }, 422, 'undeclared_event'],
      [{ type: 'Transfer', urgent: true }, 422, 'invalid_event'],
      [{ kind: 'Transfer' }, 400, 'bad_request'],
      [['Transfer'], 400, 'bad_request'],
    ];
    for (const [payload, status, code] of refused) {
      const res = await app.inject({ method: 'POST', url: '/sessions/ExternalTransfer/c1/events', payload: payload as Record<string, unknown> });
      expect([JSON.stringify(payload), res.statusCode, res.json<{ error: { code: string } }>().error.code]).toEqual([JSON.stringify(payload), status, code]);
    }
    const missing = await app.inject({ method: 'POST', url: '/sessions/ExternalTransfer/nope/events', payload: { type: 'Consult' } });
    expect([missing.statusCode, missing.json<{ error: { code: string } }>().error.code]).toEqual([404, 'no_session']);
    const garbage = await app.inject({ method: 'POST', url: '/sessions/ExternalTransfer/c1/events', headers: { 'content-type': 'application/json' }, payload: '{"type":' });
    expect([garbage.statusCode, garbage.json<{ error: { code: string } }>().error.code]).toEqual([400, 'bad_request']);
  });

  it('reports health', async () => {
    const { app } = await api();
    expect((await app.inject({ method: 'GET', url: '/health' })).json()).toEqual({ ok: true, draining: false, sessions: 0, drachtio: true });
  });

  it('ends a session on DELETE: its calls are hung up (its nailed leg\'s excepted) and it is gone', async () => {
    const { app, live } = await api();
    await app.inject({ method: 'POST', url: '/sessions/ExternalTransfer', payload: { key: 'c1', inputs: EXTERNAL_TRANSFER_INPUTS } });
    live.sip.signal('d1', { type: 'answered' }); // the nailed agent is up; the customer is being dialled (d2)
    const res = await app.inject({ method: 'DELETE', url: '/sessions/ExternalTransfer/c1' });
    expect(res.json()).toEqual({ ended: true, flow: 'ExternalTransfer', key: 'c1' });
    expect(live.calls.ended).toEqual(['d2']);
    expect((await app.inject({ method: 'GET', url: '/sessions/ExternalTransfer/c1' })).statusCode).toBe(404);
  });

  it('answers unknown routes with a JSON error', async () => {
    const { app } = await api();
    const res = await app.inject({ method: 'GET', url: '/nowhere?x=1' });
    expect([res.statusCode, res.json()]).toEqual([404, { error: { code: 'not_found', message: 'no route GET /nowhere' } }]);
  });

  it('serves Prometheus text with transitions and sessions by state', async () => {
    const { app } = await api();
    await app.inject({ method: 'POST', url: '/sessions/ExternalTransfer', payload: { key: 'c1', inputs: EXTERNAL_TRANSFER_INPUTS } });
    const res = await app.inject({ method: 'GET', url: '/metrics' });
    expect(res.headers['content-type']).toContain('text/plain; version=0.0.4');
    expect(res.body).toContain('flowc_transitions_total{flow="ExternalTransfer"} 1');
    expect(res.body).toContain('flowc_sessions{flow="ExternalTransfer",state="Nailing"} 1');
    expect(res.body).toContain('flowc_sessions_started_total{flow="ExternalTransfer"} 1');
  });
});

describe('control API with a token', () => {
  it('refuses requests without the token, takes Bearer, and leaves /health open', async () => {
    const { app } = await api('s3cret');
    const none = await app.inject({ method: 'GET', url: '/flows' });
    expect([none.statusCode, none.json<{ error: { code: string } }>().error.code]).toEqual([401, 'unauthorized']);
    expect((await app.inject({ method: 'GET', url: '/flows', headers: { authorization: 'Bearer wrong' } })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/flows', headers: { authorization: 'Bearer s3cret' } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
  });
});

describe('event stream (WebSocket on 127.0.0.1)', () => {
  async function listening(token?: string) {
    const { app, live } = await api(token);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const port = (app.server.address() as AddressInfo).port;
    return { app, live, port };
  }

  function collect(url: string): Promise<{ socket: WebSocket; events: LiveEvent[] }> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url);
      const events: LiveEvent[] = [];
      socket.on('message', (data) => events.push(JSON.parse(String(data)) as LiveEvent));
      socket.on('open', () => resolve({ socket, events }));
      socket.on('error', reject);
      socket.on('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode ?? '?'}`)));
    });
  }

  async function until(condition: () => boolean): Promise<void> {
    const start = Date.now();
    while (!condition()) {
      if (Date.now() - start > 5000) throw new Error('timed out');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  it('streams state changes and emitted events of the sessions asked for', async () => {
    const { app, live, port } = await listening();
    const all = await collect(`ws://127.0.0.1:${port}/stream`);
    const one = await collect(`ws://127.0.0.1:${port}/stream?flow=ExternalTransfer&key=c2`);
    closers.push(async () => {
      all.socket.close();
      one.socket.close();
    });
    await app.inject({ method: 'POST', url: '/sessions/ExternalTransfer', payload: { key: 'c1', inputs: EXTERNAL_TRANSFER_INPUTS } });
    await app.inject({ method: 'POST', url: '/sessions/ExternalTransfer', payload: { key: 'c2', inputs: EXTERNAL_TRANSFER_INPUTS } });
    const c2 = live.system.session('ExternalTransfer', 'c2');
    const agent = c2?.dialogOf('agent');
    if (agent === undefined) throw new Error('no agent dialog');
    live.sip.signal(agent, { type: 'failed', status: 486 });
    await until(() => one.events.some((e) => e.type === 'ended'));
    expect(one.events.map((e) => e.type)).toEqual(['started', 'state', 'state', 'ended']);
    expect(one.events[2]).toMatchObject({ type: 'state', key: 'c2', event: 'agent.failed', before: ['Nailing'], after: ['Failed'] });
    await until(() => all.events.filter((e) => e.type === 'started').length === 2);
    expect(new Set(all.events.map((e) => e.key))).toEqual(new Set(['c1', 'c2']));
  });

  it('needs the token on the stream too (as ?token=)', async () => {
    const { port } = await listening('tok');
    await expect(collect(`ws://127.0.0.1:${port}/stream`)).rejects.toThrow('HTTP 401');
    const ok = await collect(`ws://127.0.0.1:${port}/stream?token=tok`);
    ok.socket.close();
  });
});
