import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../runtime/clock/virtual-clock.js';
import { createMemoryPorts, type MemoryPorts } from '../../../runtime/ports/memory-ports.js';
import type { SessionRecord } from '../../../runtime/persist/session-record.js';
import { SessionRegistry, type RegistryOptions } from '../../../runtime/registry/session-registry.js';
import { FlowSession } from '../../../runtime/session/flow-session.js';
import { Agent, Call } from '../machines/consult-pair.js';
import { Relay } from '../machines/relay.js';
import { RecordingObserver } from '../session/recording-observer.js';

function setup(options: Partial<RegistryOptions> = {}) {
  const clock = new VirtualClock(0);
  const ports: MemoryPorts = createMemoryPorts();
  const observer = new RecordingObserver();
  const registry = new SessionRegistry({ machines: [Agent, Call, Relay], ports, clock, observer, ...options });
  return { clock, ports, observer, registry };
}

function session(value: FlowSession | unknown): FlowSession {
  if (!(value instanceof FlowSession)) throw new Error(`expected a session, got ${JSON.stringify(value)}`);
  return value;
}

const callInput = (callId: string) => ({ callId, agentId: 'a1', agentUri: 'sip:a1@pbx' });

describe('SessionRegistry', () => {
  it('delivers a send to the keyed instance through its mailbox, after the sender’s step', () => {
    const { registry, observer, ports } = setup();
    session(registry.spawn('Agent', { agentId: 'a1' }));
    const call = session(registry.spawn('Call', callInput('c1')));
    expect(call.key).toBe('c1');
    expect(observer.log).toEqual([
      'Agent(a1) $start -> Available',
      'Call(c1) $start -> Reserving',
      // The agent is idle and takes Reserve at once; its reply waits until the call's initial step is done.
      'Agent(a1) Reserve -> Reserved',
      'Call(c1) Reserved -> Dialing',
    ]);
    expect(ports.sip.calls).toMatchObject([{ op: 'dial', request: { to: 'sip:a1@pbx' } }]);
    expect(registry.get('Agent', 'a1')?.snapshot?.context['call']).toBe('c1');
  });

  it('refuses a second call while the agent is reserved, and forgets the finished call', () => {
    const { registry, observer } = setup();
    registry.spawn('Agent', { agentId: 'a1' });
    registry.spawn('Call', callInput('c1'));
    const second = session(registry.spawn('Call', callInput('c2')));
    expect(second.snapshot?.configuration).toEqual(['Queued']);
    expect(observer.emits.map((e) => e.event)).toEqual(['Queued']);
    expect(registry.get('Call', 'c2')).toBeUndefined();
    expect(registry.size).toBe(2);
  });

  it('keeps finished sessions when asked to', () => {
    const { registry } = setup({ keepFinished: true });
    registry.spawn('Agent', { agentId: 'a1' });
    registry.spawn('Call', callInput('c1'));
    registry.spawn('Call', callInput('c2'));
    expect(registry.get('Call', 'c2')?.done).toBe(true);
    // A finished instance may be replaced under its key.
    registry.deliver('Agent', 'a1', { type: 'Release', call: 'c1' });
    expect(session(registry.spawn('Call', callInput('c2'))).snapshot?.configuration).toEqual(['Dialing']);
  });

  it('runs the whole consult: answer releases the agent, hangup finishes the call', () => {
    const { registry, ports, observer } = setup();
    registry.spawn('Agent', { agentId: 'a1' });
    registry.spawn('Call', callInput('c1'));
    ports.sip.signal('d1', { type: 'answered' });
    expect(registry.get('Agent', 'a1')?.snapshot?.configuration).toEqual(['Available']);
    expect(observer.emits).toMatchObject([{ event: 'Connected', payload: { agent: 'a1' } }]);
    ports.sip.signal('d1', { type: 'hangup' });
    expect(registry.get('Call', 'c1')).toBeUndefined();
  });

  it('expires a reservation on the shared clock', () => {
    const { registry, ports, clock } = setup();
    registry.spawn('Agent', { agentId: 'a1' });
    const call = session(registry.spawn('Call', callInput('c1')));
    clock.advanceBy(10_000);
    expect(call.snapshot?.configuration).toEqual(['Queued']);
    expect(ports.sip.calls.map((c) => c.op)).toEqual(['dial', 'cancel']);
  });

  it('keeps the order of a burst of sends, both ways', () => {
    const { registry, observer } = setup();
    const a = session(registry.spawn('Relay', { id: 'A' }));
    const b = session(registry.spawn('Relay', { id: 'B' }));
    expect(registry.deliver('Relay', 'A', { type: 'Burst', to: 'B', count: 4 })).toBeUndefined();
    expect(b.snapshot?.context['log']).toBe('1234');
    expect(a.snapshot?.context['log']).toBe('1234');
    expect(observer.errors).toEqual([]);
  });

  it('reports a send to a missing instance as the sender’s error', () => {
    const { registry, observer } = setup();
    registry.spawn('Call', callInput('c1'));
    expect(observer.errors).toMatchObject([
      { kind: 'effectFailed', effect: { kind: 'send', flow: 'Agent', key: 'a1' }, failure: { port: 'router' } },
    ]);
  });

  it('reports a send the target rejects as the sender’s error', () => {
    const { registry, observer } = setup();
    registry.spawn('Relay', { id: 'A' });
    registry.spawn('Agent', { agentId: 'x' });
    registry.deliver('Relay', 'A', { type: 'Burst', to: 'missing', count: 1 });
    expect(observer.errors).toMatchObject([{ failure: { message: 'no `Relay(missing)` to send `Hit` to' } }]);
  });

  it('derives the key from the flow’s key input, or fails as a value', () => {
    const { registry } = setup();
    expect(session(registry.create('Agent', { agentId: 'a9' })).key).toBe('a9');
    expect(session(registry.create('Agent', { agentId: 'a9' }, 'explicit')).key).toBe('explicit');
    expect(registry.create('Nope', {})).toMatchObject({ reason: 'unknownFlow' });
    expect(registry.create('Agent', {})).toMatchObject({ reason: 'noKey' });
    expect(registry.create('Agent', { agentId: 'a9' })).toMatchObject({ reason: 'duplicateKey' });
    expect(registry.deliver('Agent', 'zz', { type: 'Reserve', call: 'c' })).toMatchObject({ reason: 'noSession' });
  });

  it('remove disposes the session', () => {
    const { registry, clock } = setup();
    registry.spawn('Agent', { agentId: 'a1' });
    registry.deliver('Agent', 'a1', { type: 'Reserve', call: 'c1' });
    expect(clock.pending).toBe(1);
    expect(registry.remove('Agent', 'a1')).toBe(true);
    expect(registry.remove('Agent', 'a1')).toBe(false);
    expect(clock.pending).toBe(0);
    expect(registry.size).toBe(0);
  });

  it('saves every session and restores them into a new registry that carries on', () => {
    const first = setup();
    first.registry.spawn('Agent', { agentId: 'a1' });
    first.registry.spawn('Call', callInput('c1'));
    first.clock.advanceBy(4_000);
    const records: SessionRecord[] = JSON.parse(JSON.stringify(first.registry.save())) as SessionRecord[];
    for (const s of [...first.registry.sessions()]) first.registry.remove(s.flow, s.key ?? '');

    // A restarted process: same SIP world (ports), a new clock at the same time.
    const clock = new VirtualClock(4_000);
    const observer = new RecordingObserver();
    const registry = new SessionRegistry({ machines: [Agent, Call], ports: first.ports, clock, observer });
    const report = registry.restore(records);
    expect(report.failures).toEqual([]);
    expect(report.restored.map((s) => `${s.flow}(${s.key ?? ''})`)).toEqual(['Agent(a1)', 'Call(c1)']);
    clock.advanceBy(6_000);
    expect(observer.log).toEqual(['Agent(a1) $timer -> Available', 'Call(c1) Expired -> Queued']);
    expect(first.ports.sip.calls.map((c) => c.op)).toEqual(['dial', 'cancel']);
  });

  it('reports records it cannot restore', () => {
    const { registry } = setup();
    registry.spawn('Agent', { agentId: 'a1' });
    const record = session(registry.get('Agent', 'a1')).save();
    const report = registry.restore([record, { ...record, flow: 'Gone' }, { ...record, key: undefined }]);
    expect(report.failures.map((f) => f.reason)).toEqual(['duplicateKey', 'unknownFlow', 'noKey']);
  });
});
