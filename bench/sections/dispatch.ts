/**
 * Section 1: transition dispatch. The generated ExternalTransfer machine
 * against the hand-written XState machine on the happy path (reset to the
 * initial snapshot each loop): pure transition() against XState's pure
 * transition(), then a FlowSession against a running XState actor, then the
 * heap an idle live session costs against an idle actor.
 */
import { createActor, initialTransition, transition } from 'xstate';
import { VirtualClock } from '../../runtime/clock/virtual-clock.js';
import type { AnyFlowMachine, FlowEvent, MachineSnapshot } from '../../runtime/machine.js';
import { createMemoryPorts, type MemoryPorts } from '../../runtime/ports/memory-ports.js';
import type { Ports } from '../../runtime/ports/ports.js';
import { FlowSession } from '../../runtime/session/flow-session.js';
import { firstDivergence } from '../equivalence.js';
import { EXTERNAL_TRANSFER_INPUT, EXTERNAL_TRANSFER_PATH } from '../external-transfer-machine.js';
import { HAPPY_PATH, HAPPY_PATH_EVENTS, HAPPY_PATH_FINAL_STATE } from '../happy-path.js';
import type { BenchOptions } from '../options.js';
import { measurePaired } from '../paired.js';
import { externalTransferPeer } from '../peers/external-transfer-xstate.js';
import { formatNumber } from '../render-table.js';
import { judged, type ResultRow } from '../result-row.js';
import { TablelessSipPort } from '../tableless-sip-port.js';
import { collectGarbage } from '../timing.js';

const SECTION = 'dispatch (ExternalTransfer happy path, 13 events)';

/** Results go here so no engine can prove the work dead. */
let sink: unknown;

export function dispatchRows(machine: AnyFlowMachine, options: BenchOptions): ResultRow[] {
  const divergence = firstDivergence(machine, HAPPY_PATH_EVENTS);
  if (divergence !== undefined) {
    throw new Error(
      `bench: the XState peer no longer matches ${EXTERNAL_TRANSFER_PATH} (after event ${divergence.step} ${divergence.event}: ours ${divergence.ours}, peer ${divergence.peer}); ` +
        'bring bench/peers/external-transfer-xstate.ts up to date with the flow',
    );
  }
  const rows: ResultRow[] = [];
  const pure = measurePaired(pureOurs(machine), purePeer(), options);
  rows.push(
    judged({
      section: SECTION,
      name: 'transition(): generated vs xstate transition()',
      ours: { value: pure.oursNs, unit: 'ns/event' },
      peer: { value: pure.peerNs, unit: 'ns/event' },
      ratio: pure.ratio,
      target: { kind: 'ratio>=', value: 100 },
      note: `median of ${pure.rounds} interleaved rounds; ours ${eventsPerSecond(pure.oursNs)}, xstate ${eventsPerSecond(pure.peerNs)}`,
    }),
  );
  const session = measurePaired(sessionOurs(machine), actorPeer(), options);
  rows.push(
    judged({
      section: SECTION,
      name: 'session: FlowSession vs xstate actor',
      ours: { value: session.oursNs, unit: 'ns/event' },
      peer: { value: session.peerNs, unit: 'ns/event' },
      ratio: session.ratio,
      target: { kind: 'ratio>=', value: 20 },
      note: `median of ${session.rounds} interleaved rounds; per event, session/actor created and run to Disposed each loop; ours on fresh memory ports per call (leg events as port signals, effects run), xstate actions are no-ops`,
    }),
  );
  rows.push(memoryRow(machine, options));
  return rows;
}

function eventsPerSecond(ns: number): string {
  return `${formatNumber(1e9 / ns)} events/s`;
}

function pureOurs(machine: AnyFlowMachine): (iterations: number) => number {
  const start = machine.initial(EXTERNAL_TRANSFER_INPUT).snapshot;
  const events: readonly FlowEvent[] = HAPPY_PATH_EVENTS;
  return (iterations) => {
    let last: MachineSnapshot | undefined;
    for (let i = 0; i < iterations; i++) {
      let snapshot = start;
      for (let e = 0; e < events.length; e++) snapshot = machine.transition(snapshot, events[e] as FlowEvent).snapshot;
      last = snapshot;
    }
    if (last !== undefined && last.configuration[0] !== HAPPY_PATH_FINAL_STATE) throw new Error(`bench: ours ended in ${last.configuration.join('/')}`);
    sink = last;
    return iterations * events.length;
  };
}

function purePeer(): (iterations: number) => number {
  const [start] = initialTransition(externalTransferPeer, EXTERNAL_TRANSFER_INPUT);
  const events = HAPPY_PATH_EVENTS;
  return (iterations) => {
    let last = start;
    for (let i = 0; i < iterations; i++) {
      let snapshot = start;
      for (let e = 0; e < events.length; e++) [snapshot] = transition(externalTransferPeer, snapshot, events[e] as (typeof events)[number]);
      last = snapshot;
    }
    if (iterations > 0 && last.value !== HAPPY_PATH_FINAL_STATE) throw new Error(`bench: xstate ended in ${String(last.value)}`);
    sink = last;
    return iterations * events.length;
  };
}

/** One call on a session: started, then the happy path with leg events arriving as the SIP port's dialog signals. */
export function runSessionCall(machine: AnyFlowMachine, ports: MemoryPorts, clock: VirtualClock): FlowSession {
  const session = new FlowSession(machine, { environment: { ports, clock }, input: EXTERNAL_TRANSFER_INPUT });
  session.start();
  for (const step of HAPPY_PATH) {
    if (step.kind === 'app') session.deliver(step.event);
    else ports.sip.signal(session.dialogOf(step.leg) ?? '', step.signal);
  }
  // The recording ports keep every request for tests; a bench run would otherwise grow them without bound.
  ports.sip.calls.length = 0;
  ports.media.calls.length = 0;
  ports.bus.published.length = 0;
  return session;
}

function sessionOurs(machine: AnyFlowMachine): (iterations: number) => number {
  return (iterations) => {
    const clock = new VirtualClock();
    let last: FlowSession | undefined;
    // Fresh memory ports per call, their cost counted: the memory SIP port never forgets a dialog, so a
    // shared one would keep every finished session of a batch alive (a real port drops ended dialogs).
    for (let i = 0; i < iterations; i++) last = runSessionCall(machine, createMemoryPorts(), clock);
    if (last !== undefined && last.snapshot?.configuration[0] !== HAPPY_PATH_FINAL_STATE) {
      throw new Error(`bench: session ended in ${last.snapshot?.configuration.join('/') ?? '(not started)'}`);
    }
    sink = last;
    return iterations * HAPPY_PATH.length;
  };
}

function actorPeer(): (iterations: number) => number {
  const events = HAPPY_PATH_EVENTS;
  return (iterations) => {
    let last: ReturnType<typeof createActor<typeof externalTransferPeer>> | undefined;
    for (let i = 0; i < iterations; i++) {
      const actor = createActor(externalTransferPeer, { input: EXTERNAL_TRANSFER_INPUT }).start();
      for (let e = 0; e < events.length; e++) actor.send(events[e] as (typeof events)[number]);
      last = actor;
    }
    if (last !== undefined && last.getSnapshot().value !== HAPPY_PATH_FINAL_STATE) throw new Error(`bench: actor ended in ${String(last.getSnapshot().value)}`);
    sink = last;
    return iterations * events.length;
  };
}

/**
 * Heap per idle live call: N started sessions (agent dialled, waiting for the
 * answer) against N started actors, each measured from a collected heap.
 * Both sides share one input object; the sessions share one environment
 * (ports and clock), as a registry's do. The judged figure leaves out the
 * SIP port's dialog table (see TablelessSipPort); the note gives the figure
 * with the memory SIP port's table and call log, too.
 */
function memoryRow(machine: AnyFlowMachine, options: BenchOptions): ResultRow {
  const count = options.liveSessions;
  const rounds = options.quick ? 1 : 3;
  const ids = Array.from({ length: count }, (_, i) => `dlg-${i}`);
  const ours: number[] = [];
  const withPort: number[] = [];
  const peer: number[] = [];
  let collected = true;
  const sessions = (ports: Ports): FlowSession[] => {
    const environment = { ports, clock: new VirtualClock() };
    const held: FlowSession[] = new Array<FlowSession>(count);
    for (let i = 0; i < count; i++) {
      const session = new FlowSession(machine, { environment, input: EXTERNAL_TRANSFER_INPUT });
      session.start();
      held[i] = session;
    }
    return held;
  };
  for (let round = 0; round < rounds; round++) {
    const a = heapPer(count, () => sessions({ ...createMemoryPorts(), sip: new TablelessSipPort(ids) }));
    const b = heapPer(count, () => {
      const held: unknown[] = new Array<unknown>(count);
      for (let i = 0; i < count; i++) held[i] = createActor(externalTransferPeer, { input: EXTERNAL_TRANSFER_INPUT }).start();
      return held;
    });
    const c = heapPer(count, () => sessions(createMemoryPorts()));
    collected &&= a.collected && b.collected && c.collected;
    ours.push(a.bytes);
    peer.push(b.bytes);
    withPort.push(c.bytes);
  }
  // Best of the rounds: garbage can only add to a delta, never take from it.
  const oursBytes = Math.min(...ours);
  const peerBytes = Math.min(...peer);
  return judged({
    section: SECTION,
    name: `memory: idle FlowSession vs idle actor (${count.toLocaleString('en-US')} each)`,
    ours: { value: oursBytes, unit: 'B/session' },
    peer: { value: peerBytes, unit: 'B/session' },
    ratio: peerBytes / oursBytes,
    target: { kind: 'ratio>=', value: 10 },
    note:
      `${collected ? '' : 'NO --expose-gc: figures include garbage; '}heapUsed delta after gc / count, best of ${rounds}; ` +
      `started, agent dialled; SIP port's dialog table left out (with the memory SIP port's table and call log: ${Math.min(...withPort).toFixed(0)} B/session)`,
  });
}

function heapPer(count: number, build: () => unknown): { bytes: number; collected: boolean } {
  const collected = collectGarbage();
  const before = process.memoryUsage().heapUsed;
  const held = build();
  collectGarbage();
  const after = process.memoryUsage().heapUsed;
  sink = held;
  sink = undefined;
  return { bytes: (after - before) / count, collected };
}
