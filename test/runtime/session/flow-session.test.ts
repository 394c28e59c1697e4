import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../runtime/clock/virtual-clock.js';
import type { AnyFlowMachine } from '../../../runtime/machine.js';
import { createMemoryPorts, type MemoryPorts } from '../../../runtime/ports/memory-ports.js';
import { portFailure } from '../../../runtime/ports/port-failure.js';
import { FlowSession } from '../../../runtime/session/flow-session.js';
import type { SessionObserver } from '../../../runtime/session/session-observer.js';
import { RingNoAnswer, ringInput } from '../machines/ring-no-answer.js';
import { RecordingObserver } from './recording-observer.js';

interface Rig {
  session: FlowSession;
  clock: VirtualClock;
  ports: MemoryPorts;
  observer: RecordingObserver;
  caller: string;
}

/** A RingNoAnswer session with its inbound caller leg bound, not started. */
function rig(observer: SessionObserver & RecordingObserver = new RecordingObserver(), machine: AnyFlowMachine = RingNoAnswer): Rig {
  const clock = new VirtualClock(1_000);
  const ports = createMemoryPorts();
  const session = new FlowSession(machine, { key: 'c1', input: ringInput, ports, clock, observer });
  const caller = ports.sip.offer(session);
  session.bindLeg('caller', caller);
  return { session, clock, ports, observer, caller };
}

function sipOps(ports: MemoryPorts): string[] {
  return ports.sip.calls.map((call) => `${call.op} ${call.dialogId}`);
}

describe('FlowSession', () => {
  it('start runs the initial step: answers, dials, binds the dialed leg and arms the timer', () => {
    const { session, ports, clock, observer } = rig();
    session.start();
    expect(session.snapshot?.configuration).toEqual(['Ringing']);
    expect(sipOps(ports)).toEqual(['answer d1', 'dial d2']);
    expect(session.dialogOf('agent')).toBe('d2');
    expect(session.legOf('d2')).toBe('agent');
    expect(session.pendingTimers()).toEqual([{ timer: 'Ringing#0', dueAt: 21_000 }]);
    expect(clock.nextDueAt()).toBe(21_000);
    expect(observer.steps[0]).toMatchObject({ event: undefined, before: [], after: ['Ringing'], at: 1_000 });
    expect(observer.settledCount).toBe(1);
  });

  it('turns a signal on a leg’s dialog into that leg’s event', () => {
    const { session, ports, observer } = rig();
    session.start();
    ports.sip.signal('d2', { type: 'answered' });
    expect(session.snapshot?.configuration).toEqual(['Connected', 'Talking']);
    expect(observer.steps[1]).toMatchObject({
      event: { type: 'agent.answered' },
      taken: [{ id: 1 }],
      before: ['Ringing'],
      after: ['Connected', 'Talking'],
    });
    expect(ports.media.calls).toMatchObject([{ op: 'bridge', a: 'd1', b: 'd2' }]);
    expect(observer.emits.map((e) => e.event)).toEqual(['Connected']);
    expect(session.pendingTimers().map((t) => t.timer)).toEqual(['Connected#0']);
  });

  it('carries signal fields into the leg event', () => {
    const { session, ports, observer } = rig();
    session.start();
    ports.sip.signal('d2', { type: 'failed', status: 486 });
    expect(observer.steps[1]?.event).toEqual({ type: 'agent.failed', status: 486 });
    expect(observer.emits).toMatchObject([{ event: 'Failed', payload: { status: 486 } }]);
  });

  it('shares the leg event of a signal without data between sessions of a flow, and never one with data', () => {
    const a = rig();
    const b = rig();
    a.session.start();
    b.session.start();
    a.ports.sip.signal('d2', { type: 'answered' });
    b.ports.sip.signal('d2', { type: 'answered' });
    const answered = a.observer.steps[1]?.event;
    expect(answered).toEqual({ type: 'agent.answered' });
    expect(b.observer.steps[1]?.event).toBe(answered);
    const c = rig();
    c.session.start();
    c.ports.sip.signal('d2', { type: 'failed', status: 503 });
    const d = rig();
    d.session.start();
    d.ports.sip.signal('d2', { type: 'failed', status: 486 });
    expect(c.observer.steps[1]?.event).toEqual({ type: 'agent.failed', status: 503 });
    expect(d.observer.steps[1]?.event).toEqual({ type: 'agent.failed', status: 486 });
  });

  it('delivers a due timer as a $timer event: ring, no answer', () => {
    const { session, ports, clock, observer } = rig();
    session.start();
    clock.advanceBy(19_999);
    expect(session.snapshot?.configuration).toEqual(['Ringing']);
    clock.advanceBy(1);
    expect(observer.steps[1]?.event).toEqual({ type: '$timer', timer: 'Ringing#0' });
    expect(session.snapshot).toMatchObject({ configuration: ['NoAnswer'], status: 'done' });
    expect(sipOps(ports)).toEqual(['answer d1', 'dial d2', 'cancel d2', 'hangup d1']);
    expect(observer.emits).toMatchObject([{ event: 'NoAnswer', payload: { agentUri: 'sip:agent@example.com' } }]);
    expect(observer.doneCount).toBe(1);
  });

  it('does not fire a timer its state cancelled', () => {
    const { session, ports, clock, observer } = rig();
    session.start();
    clock.advanceBy(5_000);
    ports.sip.signal('d2', { type: 'answered' });
    clock.advanceBy(60_000);
    expect(observer.steps.map((s) => s.event?.type)).toEqual([undefined, 'agent.answered']);
    expect(session.snapshot?.configuration).toEqual(['Connected', 'Talking']);
  });

  it('disarms every timer when the flow finishes', () => {
    const { session, ports, clock } = rig();
    session.start();
    ports.sip.signal('d2', { type: 'answered' });
    ports.sip.signal('d1', { type: 'hangup' });
    expect(session.done).toBe(true);
    expect(clock.pending).toBe(0);
  });

  it('queues an event an effect causes synchronously instead of re-entering the machine', () => {
    const r = rig();
    // The peer answers inside dial(), before the initial step has armed its ring timer.
    r.ports.sip.responder = {
      respond: (call, port) => {
        if (call.op === 'dial') port.signal(call.dialogId, { type: 'answered' });
      },
    };
    r.session.start();
    expect(r.observer.steps.map((s) => s.event?.type)).toEqual([undefined, 'agent.answered']);
    // Re-entering would have armed Ringing#0 after leaving Ringing, and it would fire later.
    expect(r.session.pendingTimers().map((t) => t.timer)).toEqual(['Connected#0']);
    r.clock.advanceBy(20_000);
    expect(r.session.snapshot?.configuration).toEqual(['Connected', 'Talking']);
  });

  it('processes events in delivery order, including those delivered before start', () => {
    const { session, ports, observer } = rig();
    session.deliver({ type: 'Hold' });
    session.start();
    ports.sip.signal('d2', { type: 'answered' });
    session.deliver({ type: 'Hold' });
    session.deliver({ type: 'Resume' });
    expect(observer.steps.map((s) => s.event?.type)).toEqual([undefined, 'Hold', 'agent.answered', 'Hold', 'Resume']);
    expect(observer.steps.map((s) => s.taken.length)).toEqual([0, 0, 1, 1, 1]);
    expect(session.snapshot?.context['holds']).toBe(1);
  });

  it('rejects events the flow does not declare, or with fields of the wrong type, as values', () => {
    const { session, observer } = rig();
    session.start();
    expect(session.deliver({ type: 'Transfer' })).toMatchObject({ kind: 'eventRejected', reason: 'undeclared' });
    const bad = { type: 'agent.failed', status: 'busy' };
    expect(session.deliver(bad)).toMatchObject({ reason: 'invalidFields' });
    expect(session.deliver({ type: 'agent.failed', status: 486 })).toBeUndefined();
    expect(observer.steps).toHaveLength(2);
  });

  it('reports a port failure as a session error and runs the remaining effects', () => {
    const { session, ports, observer } = rig();
    ports.sip.failing.answer = portFailure('sip', 'drachtio not connected');
    session.start();
    expect(observer.errors).toMatchObject([
      { kind: 'effectFailed', effect: { kind: 'answer' }, failure: { port: 'sip' }, message: 'drachtio not connected' },
    ]);
    expect(sipOps(ports)).toEqual(['dial d2']);
    expect(session.pendingTimers()).toHaveLength(1);
  });

  it('reports an effect on a leg with no dialog', () => {
    const clock = new VirtualClock();
    const ports = createMemoryPorts();
    const observer = new RecordingObserver();
    new FlowSession(RingNoAnswer, { input: ringInput, ports, clock, observer }).start();
    expect(observer.errors).toMatchObject([{ kind: 'effectFailed', failure: { kind: 'unboundLeg', leg: 'caller' } }]);
  });

  it('reports a port’s later failure of an accepted effect', () => {
    const { session, observer } = rig();
    session.start();
    const effect = { kind: 'hangup', leg: 'agent', at: { line: 1, column: 1 } } as const;
    session.effectFailed(effect, portFailure('sip', 'BYE timed out', 408));
    expect(observer.errors).toEqual([{ kind: 'effectFailed', effect, failure: portFailure('sip', 'BYE timed out', 408), message: 'BYE timed out' }]);
  });

  it('reports a signal on a dialog no leg is on', () => {
    const { session, observer } = rig();
    session.start();
    session.dialogEvent('d99', { type: 'hangup' });
    expect(observer.errors).toMatchObject([{ kind: 'unknownDialog', dialogId: 'd99' }]);
    expect(observer.steps).toHaveLength(1);
  });

  it('survives a machine that throws, keeping its snapshot', () => {
    const throwing: AnyFlowMachine = {
      ...RingNoAnswer,
      transition(snapshot, event) {
        if (event.type === 'Hold') throw new Error('generated code bug');
        return RingNoAnswer.transition(snapshot, event);
      },
    };
    const { session, ports, observer } = rig(new RecordingObserver(), throwing);
    session.start();
    ports.sip.signal('d2', { type: 'answered' });
    session.deliver({ type: 'Hold' });
    expect(observer.errors).toMatchObject([{ kind: 'internal', event: { type: 'Hold' }, message: expect.stringContaining('generated code bug') }]);
    expect(session.snapshot?.configuration).toEqual(['Connected', 'Talking']);
    ports.sip.signal('d2', { type: 'hangup' });
    expect(session.done).toBe(true);
  });

  it('contains a port that throws', () => {
    const { session, ports, observer } = rig();
    ports.sip.responder = {
      respond: (call) => {
        if (call.op === 'answer') throw new Error('socket closed');
      },
    };
    session.start();
    expect(observer.errors).toMatchObject([{ kind: 'internal', effect: { kind: 'answer' } }]);
    expect(session.dialogOf('agent')).toBe('d2');
  });

  it('rejects deliveries once finished and drops late signals', () => {
    const { session, ports, clock, observer } = rig();
    session.start();
    clock.advanceBy(20_000);
    expect(session.deliver({ type: 'Hold' })).toMatchObject({ reason: 'finished' });
    ports.sip.signal('d2', { type: 'answered' });
    expect(observer.drops).toEqual([{ event: { type: 'agent.answered' }, reason: 'finished' }]);
  });

  it('drops a timer firing queued before its state cancelled or re-armed it', () => {
    const observer = new RecordingObserver();
    const r = rig(observer);
    r.session.start();
    r.ports.sip.signal('d2', { type: 'answered' });
    r.session.deliver({ type: 'Hold' }); // Held, Held#0 due in 30 s
    const step = observer.step.bind(observer);
    observer.step = (session, record) => {
      step(session, record);
      if (record.event?.type !== 'Resume') return;
      // While Resume is being processed: Hold arrives, then Held#0 comes due. Both wait in the mailbox.
      session.deliver({ type: 'Hold' });
      r.clock.advanceBy(30_000);
    };
    r.session.deliver({ type: 'Resume' });
    // Resume's exit cancels Held#0; the queued Hold re-enters Held and re-arms it. The old firing must not end the new hold.
    expect(observer.drops).toEqual([{ event: { type: '$timer', timer: 'Held#0' }, reason: 'staleTimer' }]);
    expect(r.session.snapshot?.configuration).toEqual(['Connected', 'Held']);
    expect(r.session.pendingTimers().map((t) => t.timer)).toEqual(['Connected#0', 'Held#0']);
  });

  it('still takes a $timer event delivered from outside', () => {
    const { session, observer } = rig();
    session.start();
    expect(session.deliver({ type: '$timer', timer: 'Ringing#0' })).toBeUndefined();
    expect(session.snapshot?.configuration).toEqual(['NoAnswer']);
    expect(observer.steps).toHaveLength(2);
  });

  it('rebinding a leg moves it to the new dialog', () => {
    const { session } = rig();
    session.bindLeg('agent', 'x1');
    session.bindLeg('agent', 'x2');
    expect(session.dialogOf('agent')).toBe('x2');
    expect(session.legOf('x1')).toBeUndefined();
    expect(session.legBindings()).toEqual([
      { leg: 'caller', dialogId: 'd1' },
      { leg: 'agent', dialogId: 'x2' },
    ]);
  });

  it('reports a second start and ignores it', () => {
    const { session, ports, observer } = rig();
    session.start();
    session.start();
    expect(observer.errors).toMatchObject([{ kind: 'lifecycle' }]);
    expect(sipOps(ports)).toEqual(['answer d1', 'dial d2']);
  });

  it('dispose disarms timers and rejects later deliveries', () => {
    const { session, clock, observer } = rig();
    session.start();
    session.dispose();
    expect(clock.pending).toBe(0);
    expect(session.deliver({ type: 'Hold' })).toMatchObject({ reason: 'disposed' });
    clock.advanceBy(60_000);
    expect(observer.steps).toHaveLength(1);
  });

  it('writes errors to the logger', () => {
    const clock = new VirtualClock();
    const ports = createMemoryPorts();
    const lines: string[] = [];
    const session = new FlowSession(RingNoAnswer, {
      key: 'k',
      input: ringInput,
      ports,
      clock,
      logger: { warn: (message, details) => lines.push(`${message} ${JSON.stringify(details)}`) },
    });
    session.start();
    expect(lines).toEqual(['leg `caller` has no dialog {"flow":"RingNoAnswer","key":"k","kind":"effectFailed"}']);
  });
});
