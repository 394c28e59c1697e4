import { beforeAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../runtime/clock/virtual-clock.js';
import { MemoryDialogFactsStore } from '../../../runtime/live/dialog-facts-store.js';
import type { LiveEvent } from '../../../runtime/live/live-events.js';
import type { AnyFlowMachine } from '../../../runtime/machine.js';
import { MemorySnapshotStore } from '../../../runtime/persist/memory-snapshot-store.js';
import { FlowSession } from '../../../runtime/session/flow-session.js';
import { incoming, peerRequest, requestText, settle } from '../drachtio/fake-drachtio.js';
import { toTalking as talking, toTransferring as transferring } from './external-transfer-steps.js';
import { drachtioLive } from './drachtio-live.js';
import { EXTERNAL_TRANSFER_INPUTS, memoryLive } from './memory-live.js';
import { seedMachine } from './seed-machines.js';

let machines: AnyFlowMachine[];
beforeAll(async () => {
  machines = [await seedMachine('ExternalTransfer'), await seedMachine('AttendedTransfer')];
});

function started(value: unknown): FlowSession {
  if (!(value instanceof FlowSession)) throw new Error(`not started: ${JSON.stringify(value)}`);
  return value;
}

describe('LiveSystem over memory ports', () => {
  it('saves the session after every settled step, with its dialogs, and deletes it when the flow ends', async () => {
    const live = memoryLive(machines);
    const session = started(live.system.start('ExternalTransfer', EXTERNAL_TRANSFER_INPUTS, 'c1'));
    await live.system.persister.flush();
    expect((await live.store.get('ExternalTransfer', 'c1'))).toMatchObject({ snapshot: { configuration: ['Nailing'] }, legs: [{ leg: 'agent', dialogId: 'd1' }] });
    expect(await live.facts.all()).toEqual([{ id: 'd1', direction: 'outbound', phase: 'confirmed' }]);
    live.sip.signal('d1', { type: 'answered' });
    await live.system.persister.flush();
    expect((await live.store.get('ExternalTransfer', 'c1'))).toMatchObject({ snapshot: { configuration: ['Outreach'] } });
    const customer = session.dialogOf('customer') ?? '';
    live.sip.signal(customer, { type: 'failed', status: 404 });
    await live.system.persister.flush();
    expect(session.done).toBe(true);
    expect(await live.store.get('ExternalTransfer', 'c1')).toBeUndefined();
    expect(await live.facts.all()).toEqual([]);
    // The agent leg is nailed: its call outlives the flow and is left up.
    expect(live.calls.ended).not.toContain('d1');
    expect(live.system.liveMetrics.value('flowc_sessions_ended_total', { flow: 'ExternalTransfer', reason: 'finished' })).toBe(1);
  });

  it('with a store nothing outlives (flowc run --memory-store) saves nothing at all', async () => {
    const live = memoryLive(machines, { persist: false });
    started(live.system.start('ExternalTransfer', EXTERNAL_TRANSFER_INPUTS, 'c1'));
    live.sip.signal('d1', { type: 'answered' });
    await live.system.persister.flush();
    expect([live.store.size, await live.facts.all()]).toEqual([0, []]);
  });

  it('logs every transition with the call id, flow, state and transition', () => {
    const live = memoryLive(machines);
    started(live.system.start('ExternalTransfer', EXTERNAL_TRANSFER_INPUTS, 'c1'));
    live.sip.signal('d1', { type: 'answered' });
    const transitions = live.log.lines.filter((l) => l.message === 'transition').map((l) => l.fields);
    expect(transitions).toEqual([
      // The first step runs before its dial: no call yet to name.
      { callId: undefined, flow: 'ExternalTransfer', key: 'c1', state: 'Nailing', transition: '(start) -> Nailing', event: '(start)' },
      { callId: 'call-d1', flow: 'ExternalTransfer', key: 'c1', state: 'Outreach', transition: 'Nailing -> Outreach', event: 'agent.answered' },
    ]);
  });

  it('puts errors on the stream and in the metrics', () => {
    const live = memoryLive(machines);
    const events: LiveEvent[] = [];
    live.system.events.subscribe((e) => events.push(e));
    live.sip.failing.dial = { kind: 'portFailure', port: 'sip', message: 'not connected to drachtio-server', status: 503 };
    started(live.system.start('ExternalTransfer', EXTERNAL_TRANSFER_INPUTS, 'c1'));
    expect(events.filter((e) => e.type === 'error')).toMatchObject([{ type: 'error', kind: 'effectFailed', message: 'not connected to drachtio-server' }]);
    expect(live.system.liveMetrics.value('flowc_effects_failed_total', { flow: 'ExternalTransfer', effect: 'dial' })).toBe(1);
  });
});

describe('LiveSystem resume after a restart (drachtio adapter on the fake drachtio)', () => {
  /** The first process, run to Talking. */
  async function toTalking(clock: VirtualClock, store: MemorySnapshotStore, facts: MemoryDialogFactsStore) {
    const first = drachtioLive(machines, clock, store, facts, 'a');
    return { first, ...(await talking(first)) };
  }

  /** The first process, run to Transferring. */
  async function toTransferring(clock: VirtualClock, store: MemorySnapshotStore, facts: MemoryDialogFactsStore) {
    const first = drachtioLive(machines, clock, store, facts, 'a');
    return { first, ...(await transferring(first)) };
  }

  it('resumes a session whose legs are still up, with its timer at the saved due time', async () => {
    const clock = new VirtualClock(Date.UTC(2025, 0, 1));
    const store = new MemorySnapshotStore();
    const facts = new MemoryDialogFactsStore();
    const { first, session } = await toTransferring(clock, store, facts);
    const external = session.dialogOf('external') ?? '';
    const stackIdOfExternal = first.port.dialogs.get(external)?.stackDialogId;
    clock.advanceBy(10_000); // the process is down for 10 s; its timers died with it

    const second = drachtioLive(machines, clock, store, facts, 'b');
    const report = await second.system.resume(second.port);
    expect(report).toEqual({ sessions: 1, dialogs: 3, lostLegs: 0, problems: [] });
    const resumed = second.system.session('ExternalTransfer', 'c1');
    expect(resumed?.snapshot?.configuration).toEqual(['Transferring']);
    await settle();
    // Each recovered dialog is probed with an in-dialog OPTIONS named by drachtio-server's dialog id.
    expect(second.srf.requests.map((r) => [r.opts.method, r.opts.stackDialogId !== undefined])).toEqual([
      ['OPTIONS', true],
      ['OPTIONS', true],
      ['OPTIONS', true],
    ]);
    for (const sent of second.agent.sent.filter((s) => s.method === 'OPTIONS')) second.agent.respond(sent, 200);
    await settle();

    // The peer's NOTIFY on the recovered dialog reaches the flow through the middleware.
    const notify = second.srf.middleware.get('notify');
    const raw = requestText('NOTIFY', 'sip:flowc@127.0.0.1', { callId: 'x', from: '<sip:gw>;tag=1', to: '<sip:flowc>;tag=2', cseq: '5 NOTIFY', headers: { Event: 'refer' }, body: 'SIP/2.0 200 OK\r\n', contentType: 'message/sipfrag' });
    const { req, res } = incoming(second.agent, raw, stackIdOfExternal);
    notify?.(req, res, () => undefined);
    await settle();
    expect(second.agent.answersTo('NOTIFY').map((a) => a.status)).toEqual([200]);
    expect(resumed?.snapshot?.configuration).toEqual(['HandedOver', 'Transferred']);
    // Transferred hangs up the external leg: a BYE on the recovered dialog, by its stack id.
    expect(second.agent.sent.filter((s) => s.method === 'BYE').map((s) => s.stackDialogId)).toEqual([stackIdOfExternal]);
  });

  it('fires the resumed timer at its saved due time', async () => {
    const clock = new VirtualClock(Date.UTC(2025, 0, 1));
    const store = new MemorySnapshotStore();
    const facts = new MemoryDialogFactsStore();
    await toTransferring(clock, store, facts);
    clock.advanceBy(10_000);
    const second = drachtioLive(machines, clock, store, facts, 'b');
    await second.system.resume(second.port);
    const emitted: LiveEvent[] = [];
    second.system.events.subscribe((e) => emitted.push(e));
    clock.advanceBy(21_999);
    expect(emitted).toEqual([]);
    clock.advanceBy(1);
    expect(emitted.filter((e) => e.type === 'emitted')).toMatchObject([{ event: 'TransferFailed', payload: { status: 408 } }]);
    expect(second.system.session('ExternalTransfer', 'c1')?.snapshot?.configuration).toEqual(['Consult']);
  });

  it('tells a resumed session its legs that did not survive: mid-INVITE is failed(503)', async () => {
    const clock = new VirtualClock(Date.UTC(2025, 0, 1));
    const store = new MemorySnapshotStore();
    const facts = new MemoryDialogFactsStore();
    const first = drachtioLive(machines, clock, store, facts, 'a');
    started(first.system.start('ExternalTransfer', EXTERNAL_TRANSFER_INPUTS, 'c1'));
    await settle();
    first.srf.lastUac().sent().answer(); // agent up
    await settle();
    first.srf.lastUac().sent().provisional(180); // the customer rings when the process dies
    await first.system.persister.flush();

    const second = drachtioLive(machines, clock, store, facts, 'b');
    const report = await second.system.resume(second.port);
    expect(report).toMatchObject({ sessions: 1, dialogs: 1, lostLegs: 1 });
    // customer.failed -> NoCustomer, a final state; the agent's call is nailed and stays up.
    expect(second.system.session('ExternalTransfer', 'c1')).toBeUndefined();
    await settle();
    expect(second.agent.sent.map((s) => s.method)).not.toContain('BYE');
    expect(second.log.messages()).toContain('nailed calls left up');
  });

  it('a recovered dialog drachtio-server no longer knows is the leg\'s hangup', async () => {
    const clock = new VirtualClock(Date.UTC(2025, 0, 1));
    const store = new MemorySnapshotStore();
    const facts = new MemoryDialogFactsStore();
    const { first, session } = await toTalking(clock, store, facts);
    await first.system.persister.flush();
    const agentStack = first.port.dialogs.get(session.dialogOf('agent') ?? '')?.stackDialogId;
    const second = drachtioLive(machines, clock, store, facts, 'b');
    await second.system.resume(second.port);
    await settle();
    const probe = second.agent.sent.find((s) => s.method === 'OPTIONS' && s.stackDialogId === agentStack);
    if (probe === undefined) throw new Error('the agent dialog was not probed');
    second.agent.respond(probe, 481);
    await settle();
    // agent.hangup in Talking: Failed, with the customer hung up.
    expect(second.system.session('ExternalTransfer', 'c1')).toBeUndefined();
    expect(second.agent.sent.filter((s) => s.method === 'BYE')).toHaveLength(1);
  });

  it('keeps probing the recovered dialogs: a peer whose BYE drachtio-server answered 481 (it went to the dead connection) is found gone', async () => {
    const clock = new VirtualClock(Date.UTC(2025, 0, 1));
    const store = new MemorySnapshotStore();
    const facts = new MemoryDialogFactsStore();
    const first = drachtioLive(machines, clock, store, facts, 'a');
    const { session } = await talking(first);
    await first.system.persister.flush();
    const agentStack = first.port.dialogs.get(session.dialogOf('agent') ?? '')?.stackDialogId;
    const second = drachtioLive(machines, clock, store, facts, 'b');
    await second.system.resume(second.port);
    await settle();
    const probes = () => second.agent.sent.filter((s) => s.method === 'OPTIONS' && s.stackDialogId === agentStack);
    for (const probe of probes()) second.agent.respond(probe, 200); // alive at the restart
    await settle();
    expect(second.port.orphaned).toBe(2); // the agent and the takeover of the customer
    clock.advanceBy(30_000);
    await settle();
    const again = probes();
    expect(again).toHaveLength(2);
    const last = again[again.length - 1];
    if (last === undefined) throw new Error('no probe');
    second.agent.respond(last, 481); // the agent hung up meanwhile
    await settle();
    // agent.hangup in Talking: Failed, with the customer hung up.
    expect(second.system.session('ExternalTransfer', 'c1')).toBeUndefined();
    second.port.stopWatching();
  });

  it('a leg whose call ended before the restart is adopted as ended, not reported lost', async () => {
    const clock = new VirtualClock(Date.UTC(2025, 0, 1));
    const store = new MemorySnapshotStore();
    const facts = new MemoryDialogFactsStore();
    const first = drachtioLive(machines, clock, store, facts, 'a');
    const { session } = await talking(first);
    session.deliver({ type: 'Consult' });
    await settle();
    first.agent.respond(first.agent.last('INVITE'), 200, { body: 'v=0\r\n' }); // the hold re-INVITE
    await settle();
    first.srf.lastUac().sent().answer(); // external
    await settle();
    session.deliver({ type: 'CancelConsult' }); // hangup external
    await settle();
    first.agent.respond(first.agent.last('BYE'), 200);
    await settle();
    await first.system.persister.flush();
    const second = drachtioLive(machines, clock, store, facts, 'b');
    const errors: LiveEvent[] = [];
    second.system.events.subscribe((e) => void (e.type === 'error' && errors.push(e)));
    expect(await second.system.resume(second.port)).toMatchObject({ sessions: 1, lostLegs: 0 });
    expect([errors, second.log.messages('warn')]).toEqual([[], []]);
  });

  it('the dialog a takeover replaced, gone when the restarted flowc probes it, is the leg\'s replaced, not a lost call', async () => {
    const clock = new VirtualClock(Date.UTC(2025, 0, 1));
    const store = new MemorySnapshotStore();
    const facts = new MemoryDialogFactsStore();
    const first = drachtioLive(machines, clock, store, facts, 'a');
    const session = started(first.system.start('ExternalTransfer', EXTERNAL_TRANSFER_INPUTS, 'c1'));
    for (let i = 0; i < 3; i++) {
      await settle();
      first.srf.lastUac().sent().answer(); // agent, customer, the takeover
    }
    await settle();
    expect(session.snapshot?.configuration).toEqual(['Talking']);
    const replaced = first.port.dialogs.get('a2')?.stackDialogId;
    await first.system.persister.flush();
    // The gateway's BYE of the replaced dialog came while no flowc listened.
    const second = drachtioLive(machines, clock, store, facts, 'b');
    const errors: LiveEvent[] = [];
    second.system.events.subscribe((e) => void (e.type === 'error' && errors.push(e)));
    await second.system.resume(second.port);
    await settle();
    const probe = second.agent.sent.find((s) => s.method === 'OPTIONS' && s.stackDialogId === replaced);
    if (probe === undefined) throw new Error('the replaced dialog was not probed');
    second.agent.respond(probe, 481);
    await settle();
    expect(errors).toEqual([]);
    expect(second.system.session('ExternalTransfer', 'c1')?.snapshot?.configuration).toEqual(['Talking']);
    expect(second.agent.sent.filter((s) => s.method === 'BYE')).toEqual([]);
  });
});

describe('peer requests on unknown dialogs', () => {
  it('are answered 481 by the middleware', () => {
    const clock = new VirtualClock(0);
    const live = drachtioLive(machines, clock, new MemorySnapshotStore(), new MemoryDialogFactsStore(), 'a');
    const raw = requestText('BYE', 'sip:flowc@127.0.0.1', { callId: 'gone', from: '<sip:a>;tag=1', to: '<sip:b>;tag=2', cseq: '9 BYE' });
    const { req, res } = incoming(live.agent, raw, 'gone;from-tag=1');
    live.srf.middleware.get('bye')?.(req, res, () => undefined);
    expect(live.agent.answersTo('BYE').map((a) => a.status)).toEqual([481]);
  });

  it('keeps peerRequest importable for drachtio-level tests', () => {
    expect(typeof peerRequest).toBe('function');
  });
});
