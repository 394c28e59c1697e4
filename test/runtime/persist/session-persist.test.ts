import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../runtime/clock/virtual-clock.js';
import { createMemoryPorts } from '../../../runtime/ports/memory-ports.js';
import type { SessionRecord } from '../../../runtime/persist/session-record.js';
import { FlowSession } from '../../../runtime/session/flow-session.js';
import { Agent, Call } from '../machines/consult-pair.js';
import { RingNoAnswer, ringInput } from '../machines/ring-no-answer.js';
import { RecordingObserver } from '../session/recording-observer.js';

function started() {
  const clock = new VirtualClock(1_000);
  const ports = createMemoryPorts();
  const session = new FlowSession(RingNoAnswer, { key: 'c1', input: ringInput, ports, clock });
  session.bindLeg('caller', ports.sip.offer(session));
  session.start();
  return { clock, ports, session };
}

const roundTrip = (record: SessionRecord): SessionRecord => JSON.parse(JSON.stringify(record)) as SessionRecord;

describe('FlowSession save and restore', () => {
  it('saves plain JSON: snapshot, timers as due times, leg bindings', () => {
    const { session } = started();
    const record = session.save();
    expect(roundTrip(record)).toEqual(record);
    expect(record).toEqual({
      version: 1,
      flow: 'RingNoAnswer',
      key: 'c1',
      snapshot: session.snapshot,
      timers: [{ timer: 'Ringing#0', dueAt: 21_000 }],
      legs: [
        { leg: 'caller', dialogId: 'd1' },
        { leg: 'agent', dialogId: 'd2' },
      ],
    });
  });

  it('restores timers at their saved due time on the new clock', () => {
    const { session, ports } = started();
    const record = roundTrip(session.save());
    session.dispose();
    const clock = new VirtualClock(15_000);
    const restored = FlowSession.restore(RingNoAnswer, record, { ports, clock });
    expect(clock.nextDueAt()).toBe(21_000);
    clock.advanceTo(20_999);
    expect(restored.snapshot?.configuration).toEqual(['Ringing']);
    clock.advanceTo(21_000);
    expect(restored.snapshot?.configuration).toEqual(['NoAnswer']);
  });

  it('fires at once a timer that came due while the process was down', () => {
    const { session, ports } = started();
    const record = roundTrip(session.save());
    const clock = new VirtualClock(50_000);
    const restored = FlowSession.restore(RingNoAnswer, record, { ports, clock });
    clock.advanceBy(0);
    expect(restored.snapshot?.configuration).toEqual(['NoAnswer']);
  });

  it('takes back its dialogs: a signal on a restored leg reaches the new session', () => {
    const { session, ports } = started();
    const record = roundTrip(session.save());
    session.dispose();
    const restored = FlowSession.restore(RingNoAnswer, record, { ports, clock: new VirtualClock(2_000) });
    ports.sip.signal('d2', { type: 'answered' });
    expect(restored.snapshot?.configuration).toEqual(['Connected', 'Talking']);
    expect(ports.media.calls).toMatchObject([{ op: 'bridge', a: 'd1', b: 'd2' }]);
  });

  it('reports a dialog the port no longer knows', () => {
    const { session } = started();
    const observer = new RecordingObserver();
    FlowSession.restore(RingNoAnswer, roundTrip(session.save()), { ports: createMemoryPorts(), clock: new VirtualClock(), observer });
    expect(observer.errors.map((e) => e.kind)).toEqual(['lifecycle', 'lifecycle']);
  });

  it('saved during a step, keeps the queued events, which run on flush', () => {
    const { session, ports } = started();
    let record: SessionRecord | undefined;
    const observer = new RecordingObserver();
    const clock = new VirtualClock(3_000);
    ports.sip.responder = {
      respond: (call, port) => {
        if (call.op !== 'hangup') return;
        // A signal comes back inside hangup(), and the session is saved before it is processed.
        port.signal(call.dialogId, { type: 'hangup' });
        record = roundTrip(session.save());
      },
    };
    session.deliver({ type: 'agent.answered' });
    session.deliver({ type: 'Hold' });
    ports.sip.signal('d1', { type: 'hangup' }); // caller hangs up: Ended, whose effects hang up the agent
    expect(record?.mailbox).toEqual([{ type: 'agent.hangup' }]);
    ports.sip.responder = undefined;
    const restored = FlowSession.restore(RingNoAnswer, record ?? roundTrip(session.save()), { ports, clock, observer });
    expect(observer.steps).toEqual([]);
    restored.flush();
    // The restored session is done already, so the queued event is dropped as it would have been.
    expect(observer.drops).toEqual([{ event: { type: 'agent.hangup' }, reason: 'finished' }]);
  });

  it('restores a queued timer firing ahead of later events', () => {
    const clock = new VirtualClock(0);
    const ports = createMemoryPorts();
    const observer = new RecordingObserver();
    const agent = new FlowSession(Agent, { key: 'a1', input: { agentId: 'a1' }, ports, clock, observer });
    agent.start();
    agent.deliver({ type: 'Reserve', call: 'c1' });
    let record: SessionRecord | undefined;
    const step = observer.step.bind(observer);
    observer.step = (session, r) => {
      step(session, r);
      if (r.event?.type !== 'Reserve' || record !== undefined) return;
      clock.advanceBy(10_000); // Reserved#0 fires while Reserve is being processed
      record = roundTrip(session.save());
    };
    agent.deliver({ type: 'Reserve', call: 'c2' }); // targetless: the timer keeps running
    expect(record?.mailbox).toEqual([{ type: '$timer', timer: 'Reserved#0' }]);
    const again = new RecordingObserver();
    const restored = FlowSession.restore(Agent, record ?? agent.save(), { ports, clock: new VirtualClock(10_000), observer: again });
    restored.deliver({ type: 'Release', call: 'c1' }); // queued behind the firing: FIFO
    expect(again.steps.map((s) => s.event?.type)).toEqual(['$timer', 'Release']);
    expect(restored.snapshot?.configuration).toEqual(['Available']);
  });

  it('refuses to restore a record with another flow’s machine (a caller bug)', () => {
    const { session, ports } = started();
    expect(() => FlowSession.restore(Call, session.save(), { ports, clock: new VirtualClock() })).toThrow(/RingNoAnswer/);
  });
});
