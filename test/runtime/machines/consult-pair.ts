/**
 * Two hand-written flows that cooperate with `send` (stand-ins for compiled
 * flows): a Call reserves an Agent by key before dialing it.
 *
 * flow Agent {
 *   key agentId
 *   input agentId: string
 *   var call: string = ""
 *   event Reserve(call: string)
 *   event Release(call: string)
 *   initial state Available {
 *     on Reserve -> Reserved { set call = event.call; send Reserved(agent: agentId) to Call(event.call) }
 *   }
 *   state Reserved {
 *     after 10s -> Available { send Expired to Call(call); set call = "" }
 *     on Reserve { send Refused(agent: agentId) to Call(event.call) }
 *     on Release when event.call == call -> Available { set call = "" }
 *   }
 * }
 *
 * flow Call {
 *   key callId
 *   leg agent
 *   input callId: string
 *   input agentId: string
 *   input agentUri: uri
 *   event Reserved(agent: string)
 *   event Refused(agent: string)
 *   event Expired
 *   emit Connected(agent: string)
 *   emit Queued
 *   initial state Reserving {
 *     entry { send Reserve(call: callId) to Agent(agentId) }
 *     on Reserved -> Dialing
 *     on Refused -> Queued
 *   }
 *   state Dialing {
 *     entry { dial agent to agentUri }
 *     on agent.answered -> Talking { send Release(call: callId) to Agent(agentId); emit Connected(agent: agentId) }
 *     on Expired -> Queued { cancel agent }
 *   }
 *   state Talking { on agent.hangup -> Done }
 *   final state Queued { entry { emit Queued } }
 *   final state Done
 * }
 */
import type { Effect } from '../../../runtime/effects.js';
import type { AnyFlowMachine, FlowEvent, MachineSnapshot, StepResult, TransitionInfo } from '../../../runtime/machine.js';
import type { SourceRef, Value } from '../../../runtime/values.js';

type Context = Readonly<Record<string, Value>>;
type Snapshot = MachineSnapshot<Context, string>;

const at = (line: number, column = 5): SourceRef => ({ line, column });

function field(event: FlowEvent, name: string): string {
  const v = (event as unknown as Readonly<Record<string, unknown>>)[name];
  return typeof v === 'string' ? v : '';
}

function str(context: Context, name: string): string {
  const v = context[name];
  return typeof v === 'string' ? v : '';
}

function step(
  prev: Snapshot,
  transitions: readonly TransitionInfo[],
  id: number,
  state: string,
  effects: Effect[],
  context: Context = prev.context,
  done = false,
): StepResult<Snapshot> {
  const t = transitions[id];
  return {
    snapshot: { ...prev, configuration: [state], context, status: done ? 'done' : 'active' },
    effects,
    taken: t === undefined ? [] : [{ id, at: t.at }],
  };
}

const agentTransitions: readonly TransitionInfo[] = [
  { id: 0, source: 'Available', event: 'Reserve', target: 'Reserved', guarded: false, at: at(9) },
  { id: 1, source: 'Reserved', event: '$timer:Reserved#0', target: 'Available', guarded: false, at: at(12) },
  { id: 2, source: 'Reserved', event: 'Reserve', guarded: false, at: at(13) },
  { id: 3, source: 'Reserved', event: 'Release', target: 'Available', guarded: true, at: at(14) },
];

export const Agent: AnyFlowMachine = {
  name: 'Agent',
  source: 'test/runtime/machines/consult-pair.ts',
  key: 'agentId',
  legs: [],
  inputs: [{ name: 'agentId', type: 'string', optional: false }],
  events: [
    { type: 'Reserve', source: 'application', fields: { call: 'string' } },
    { type: 'Release', source: 'application', fields: { call: 'string' } },
  ],
  emits: [],
  states: [
    { name: 'Available', kind: 'atomic', at: at(8, 3) },
    { name: 'Reserved', kind: 'atomic', at: at(11, 3) },
  ],
  transitions: agentTransitions,
  initial(input) {
    return {
      snapshot: { flow: 'Agent', configuration: ['Available'], context: { ...input, call: '' }, legs: {}, status: 'active' },
      effects: [],
      taken: [],
    };
  },
  transition(s, event) {
    const ctx = s.context;
    const agentId = str(ctx, 'agentId');
    const state = s.configuration[0];
    const timer = event.type === '$timer' ? field(event, 'timer') : '';
    if (state === 'Available' && event.type === 'Reserve') {
      const call = field(event, 'call');
      return step(s, agentTransitions, 0, 'Reserved', [
        { kind: 'send', flow: 'Call', key: call, event: 'Reserved', payload: { agent: agentId }, at: at(9, 50) },
        { kind: 'startTimer', timer: 'Reserved#0', delayMs: 10_000, at: at(12) },
      ], { ...ctx, call });
    }
    if (state === 'Reserved') {
      if (timer === 'Reserved#0') {
        return step(s, agentTransitions, 1, 'Available', [
          { kind: 'cancelTimer', timer: 'Reserved#0', at: at(12) },
          { kind: 'send', flow: 'Call', key: str(ctx, 'call'), event: 'Expired', payload: {}, at: at(12, 30) },
        ], { ...ctx, call: '' });
      }
      if (event.type === 'Reserve') {
        // Targetless: no exit, no entry, the timer keeps running.
        const t = agentTransitions[2];
        return {
          snapshot: s,
          effects: [{ kind: 'send', flow: 'Call', key: field(event, 'call'), event: 'Refused', payload: { agent: agentId }, at: at(13, 20) }],
          taken: t === undefined ? [] : [{ id: 2, at: t.at }],
        };
      }
      if (event.type === 'Release' && field(event, 'call') === str(ctx, 'call')) {
        return step(s, agentTransitions, 3, 'Available', [{ kind: 'cancelTimer', timer: 'Reserved#0', at: at(12) }], { ...ctx, call: '' });
      }
    }
    return { snapshot: s, effects: [], taken: [] };
  },
};

const callTransitions: readonly TransitionInfo[] = [
  { id: 0, source: 'Reserving', event: 'Reserved', target: 'Dialing', guarded: false, at: at(34) },
  { id: 1, source: 'Reserving', event: 'Refused', target: 'Queued', guarded: false, at: at(35) },
  { id: 2, source: 'Dialing', event: 'agent.answered', target: 'Talking', guarded: false, at: at(39) },
  { id: 3, source: 'Dialing', event: 'Expired', target: 'Queued', guarded: false, at: at(40) },
  { id: 4, source: 'Talking', event: 'agent.hangup', target: 'Done', guarded: false, at: at(42, 19) },
];

export const Call: AnyFlowMachine = {
  name: 'Call',
  source: 'test/runtime/machines/consult-pair.ts',
  key: 'callId',
  legs: [{ name: 'agent', inbound: false }],
  inputs: [
    { name: 'callId', type: 'string', optional: false },
    { name: 'agentId', type: 'string', optional: false },
    { name: 'agentUri', type: 'uri', optional: false },
  ],
  events: [
    { type: 'Reserved', source: 'application', fields: { agent: 'string' } },
    { type: 'Refused', source: 'application', fields: { agent: 'string' } },
    { type: 'Expired', source: 'application', fields: {} },
    { type: 'agent.answered', source: 'leg', fields: {} },
    { type: 'agent.hangup', source: 'leg', fields: {} },
  ],
  emits: [
    { type: 'Connected', source: 'application', fields: { agent: 'string' } },
    { type: 'Queued', source: 'application', fields: {} },
  ],
  states: [
    { name: 'Reserving', kind: 'atomic', at: at(32, 3) },
    { name: 'Dialing', kind: 'atomic', at: at(37, 3) },
    { name: 'Talking', kind: 'atomic', at: at(42, 3) },
    { name: 'Queued', kind: 'final', at: at(43, 3) },
    { name: 'Done', kind: 'final', at: at(44, 3) },
  ],
  transitions: callTransitions,
  initial(input) {
    return {
      snapshot: { flow: 'Call', configuration: ['Reserving'], context: { ...input }, legs: { agent: 'idle' }, status: 'active' },
      effects: [
        { kind: 'send', flow: 'Agent', key: String(input['agentId']), event: 'Reserve', payload: { call: String(input['callId']) }, at: at(33, 13) },
      ],
      taken: [],
    };
  },
  transition(s, event) {
    const ctx = s.context;
    const queued: Effect = { kind: 'emit', event: 'Queued', payload: {}, at: at(43, 30) };
    switch (`${s.configuration[0] ?? ''} ${event.type}`) {
      case 'Reserving Reserved':
        return step(s, callTransitions, 0, 'Dialing', [
          { kind: 'dial', leg: 'agent', to: str(ctx, 'agentUri'), headers: {}, at: at(38, 13) },
        ]);
      case 'Reserving Refused':
        return step(s, callTransitions, 1, 'Queued', [queued], ctx, true);
      case 'Dialing agent.answered':
        return step(s, callTransitions, 2, 'Talking', [
          { kind: 'send', flow: 'Agent', key: str(ctx, 'agentId'), event: 'Release', payload: { call: str(ctx, 'callId') }, at: at(39, 40) },
          { kind: 'emit', event: 'Connected', payload: { agent: str(ctx, 'agentId') }, at: at(39, 90) },
        ]);
      case 'Dialing Expired':
        return step(s, callTransitions, 3, 'Queued', [{ kind: 'cancel', leg: 'agent', at: at(40, 30) }, queued], ctx, true);
      case 'Talking agent.hangup':
        return step(s, callTransitions, 4, 'Done', [], ctx, true);
      default:
        return { snapshot: s, effects: [], taken: [] };
    }
  },
};
