/**
 * Hand-written stand-in for a compiled flow (the compiler is not there yet):
 *
 * flow RingNoAnswer {
 *   leg caller inbound
 *   leg agent
 *   input agentUri: uri
 *   input ringTime: duration
 *   input maxTalk: duration
 *   input holdLimit: duration
 *   var holds: int = 0
 *   event Hold
 *   event Resume
 *   emit Connected
 *   emit NoAnswer(agentUri: uri)
 *   emit Failed(status: status)
 *   emit Ended(reason: string, holds: int)
 *
 *   initial state Ringing {
 *     entry { answer caller; dial agent to agentUri }
 *     after ringTime -> NoAnswer
 *     on agent.answered -> Connected { emit Connected }
 *     on agent.failed -> Failed
 *     on caller.hangup -> Ended { cancel agent; emit Ended(reason: "caller", holds: holds) }
 *   }
 *   state Connected {
 *     after maxTalk -> Ended { hangup agent; hangup caller; emit Ended(reason: "maxTalk", holds: holds) }
 *     on agent.hangup -> Ended { hangup caller; emit Ended(reason: "agent", holds: holds) }
 *     on caller.hangup -> Ended { hangup agent; emit Ended(reason: "caller", holds: holds) }
 *     initial state Talking {
 *       entry { bridge caller agent }
 *       on Hold -> Held { set holds = holds + 1 }
 *     }
 *     state Held {
 *       entry { hold caller music "moh" }
 *       exit { unhold caller }
 *       after holdLimit -> Talking
 *       on Resume -> Talking
 *     }
 *   }
 *   final state NoAnswer { entry { cancel agent; hangup caller; emit NoAnswer(agentUri: agentUri) } }
 *   final state Failed { entry { hangup caller; emit Failed(status: status) } }
 *   final state Ended
 * }
 */
import type { Effect } from '../../../runtime/effects.js';
import type { AnyFlowMachine, FlowEvent, MachineSnapshot, StepResult, TakenTransition } from '../../../runtime/machine.js';
import type { LegState, SourceRef, Value } from '../../../runtime/values.js';

type Context = Readonly<Record<string, Value>>;
type Snapshot = MachineSnapshot<Context, string>;

const at = (line: number, column = 3): SourceRef => ({ line, column });

const transitions = [
  { id: 0, source: 'Ringing', event: '$timer:Ringing#0', target: 'NoAnswer', guarded: false, at: at(20, 5) },
  { id: 1, source: 'Ringing', event: 'agent.answered', target: 'Connected', guarded: false, at: at(21, 5) },
  { id: 2, source: 'Ringing', event: 'agent.failed', target: 'Failed', guarded: false, at: at(22, 5) },
  { id: 3, source: 'Ringing', event: 'caller.hangup', target: 'Ended', guarded: false, at: at(23, 5) },
  { id: 4, source: 'Connected', event: '$timer:Connected#0', target: 'Ended', guarded: false, at: at(26, 5) },
  { id: 5, source: 'Connected', event: 'agent.hangup', target: 'Ended', guarded: false, at: at(27, 5) },
  { id: 6, source: 'Connected', event: 'caller.hangup', target: 'Ended', guarded: false, at: at(28, 5) },
  { id: 7, source: 'Talking', event: 'Hold', target: 'Held', guarded: false, at: at(31, 7) },
  { id: 8, source: 'Held', event: '$timer:Held#0', target: 'Talking', guarded: false, at: at(36, 7) },
  { id: 9, source: 'Held', event: 'Resume', target: 'Talking', guarded: false, at: at(37, 7) },
] as const;

function num(context: Context, name: string): number {
  const v = context[name];
  return typeof v === 'number' ? v : 0;
}

function snap(prev: Snapshot, configuration: readonly string[], patch?: Partial<{ context: Context; legs: Record<string, LegState>; status: 'active' | 'done' }>): Snapshot {
  return {
    flow: 'RingNoAnswer',
    configuration,
    context: patch?.context ?? prev.context,
    legs: patch?.legs ?? prev.legs,
    status: patch?.status ?? prev.status,
  };
}

function taken(id: number): TakenTransition[] {
  const t = transitions[id];
  return t === undefined ? [] : [{ id, at: t.at }];
}

function ended(reason: string, context: Context, line: number): Effect {
  return { kind: 'emit', event: 'Ended', payload: { reason, holds: num(context, 'holds') }, at: at(line, 40) };
}

function exitConnected(config: readonly string[]): Effect[] {
  const effects: Effect[] = [];
  if (config.includes('Held')) {
    effects.push({ kind: 'unhold', leg: 'caller', at: at(35, 7) }, { kind: 'cancelTimer', timer: 'Held#0', at: at(36, 7) });
  }
  effects.push({ kind: 'cancelTimer', timer: 'Connected#0', at: at(26, 5) });
  return effects;
}

function legsWith(prev: Snapshot, changes: Record<string, LegState>): Record<string, LegState> {
  return { ...prev.legs, ...changes };
}

export const RingNoAnswer: AnyFlowMachine = {
  name: 'RingNoAnswer',
  source: 'test/runtime/machines/ring-no-answer.ts',
  legs: [
    { name: 'caller', inbound: true },
    { name: 'agent', inbound: false },
  ],
  inputs: [
    { name: 'agentUri', type: 'uri', optional: false },
    { name: 'ringTime', type: 'duration', optional: false },
    { name: 'maxTalk', type: 'duration', optional: false },
    { name: 'holdLimit', type: 'duration', optional: false },
  ],
  events: [
    { type: 'Hold', source: 'application', fields: {} },
    { type: 'Resume', source: 'application', fields: {} },
    { type: 'agent.answered', source: 'leg', fields: {} },
    { type: 'agent.failed', source: 'leg', fields: { status: 'status' } },
    { type: 'agent.hangup', source: 'leg', fields: {} },
    { type: 'caller.hangup', source: 'leg', fields: {} },
  ],
  emits: [
    { type: 'Connected', source: 'application', fields: {} },
    { type: 'NoAnswer', source: 'application', fields: { agentUri: 'uri' } },
    { type: 'Failed', source: 'application', fields: { status: 'status' } },
    { type: 'Ended', source: 'application', fields: { reason: 'string', holds: 'int' } },
  ],
  states: [
    { name: 'Ringing', kind: 'atomic', at: at(19) },
    { name: 'Connected', kind: 'compound', at: at(25) },
    { name: 'Talking', parent: 'Connected', kind: 'atomic', at: at(29, 5) },
    { name: 'Held', parent: 'Connected', kind: 'atomic', at: at(33, 5) },
    { name: 'NoAnswer', kind: 'final', at: at(40) },
    { name: 'Failed', kind: 'final', at: at(41) },
    { name: 'Ended', kind: 'final', at: at(42) },
  ],
  transitions,

  initial(input: Readonly<Record<string, Value>>): StepResult<Snapshot> {
    const context: Context = { ...input, holds: 0 };
    return {
      snapshot: { flow: 'RingNoAnswer', configuration: ['Ringing'], context, legs: { caller: 'connected', agent: 'dialing' }, status: 'active' },
      effects: [
        { kind: 'answer', leg: 'caller', at: at(19, 13) },
        { kind: 'dial', leg: 'agent', to: String(input['agentUri']), headers: {}, at: at(19, 28) },
        { kind: 'startTimer', timer: 'Ringing#0', delayMs: num(input, 'ringTime'), at: at(20, 5) },
      ],
      taken: [],
    };
  },

  transition(s: Snapshot, event: FlowEvent): StepResult<Snapshot> {
    const none: StepResult<Snapshot> = { snapshot: s, effects: [], taken: [] };
    if (s.status === 'done') return none;
    const config = s.configuration;
    const type = event.type === '$timer' ? `$timer:${String((event as { readonly timer?: unknown }).timer)}` : event.type;
    const ctx = s.context;
    const state = config[config.length - 1];
    if (state === 'Ringing') {
      const leaveRinging: Effect = { kind: 'cancelTimer', timer: 'Ringing#0', at: at(20, 5) };
      switch (type) {
        case '$timer:Ringing#0':
          return {
            snapshot: snap(s, ['NoAnswer'], { status: 'done', legs: legsWith(s, { agent: 'ended', caller: 'ended' }) }),
            effects: [
              leaveRinging,
              { kind: 'cancel', leg: 'agent', at: at(40, 35) },
              { kind: 'hangup', leg: 'caller', at: at(40, 48) },
              { kind: 'emit', event: 'NoAnswer', payload: { agentUri: String(ctx['agentUri']) }, at: at(40, 62) },
            ],
            taken: taken(0),
          };
        case 'agent.answered':
          return {
            snapshot: snap(s, ['Connected', 'Talking'], { legs: legsWith(s, { agent: 'connected' }) }),
            effects: [
              leaveRinging,
              { kind: 'emit', event: 'Connected', payload: {}, at: at(21, 38) },
              { kind: 'startTimer', timer: 'Connected#0', delayMs: num(ctx, 'maxTalk'), at: at(26, 5) },
              { kind: 'bridge', a: 'caller', b: 'agent', at: at(30, 15) },
            ],
            taken: taken(1),
          };
        case 'agent.failed': {
          const status = (event as { readonly status?: unknown }).status;
          return {
            snapshot: snap(s, ['Failed'], { status: 'done', legs: legsWith(s, { agent: 'ended', caller: 'ended' }) }),
            effects: [
              leaveRinging,
              { kind: 'hangup', leg: 'caller', at: at(41, 33) },
              { kind: 'emit', event: 'Failed', payload: { status: typeof status === 'number' ? status : 0 }, at: at(41, 47) },
            ],
            taken: taken(2),
          };
        }
        case 'caller.hangup':
          return {
            snapshot: snap(s, ['Ended'], { status: 'done', legs: legsWith(s, { agent: 'ended', caller: 'ended' }) }),
            effects: [leaveRinging, { kind: 'cancel', leg: 'agent', at: at(23, 40) }, ended('caller', ctx, 23)],
            taken: taken(3),
          };
        default:
          return none;
      }
    }
    if (config[0] !== 'Connected') return none;
    switch (type) {
      case '$timer:Connected#0':
        return {
          snapshot: snap(s, ['Ended'], { status: 'done', legs: legsWith(s, { agent: 'ended', caller: 'ended' }) }),
          effects: [
            ...exitConnected(config),
            { kind: 'hangup', leg: 'agent', at: at(26, 30) },
            { kind: 'hangup', leg: 'caller', at: at(26, 44) },
            ended('maxTalk', ctx, 26),
          ],
          taken: taken(4),
        };
      case 'agent.hangup':
        return {
          snapshot: snap(s, ['Ended'], { status: 'done', legs: legsWith(s, { agent: 'ended', caller: 'ended' }) }),
          effects: [...exitConnected(config), { kind: 'hangup', leg: 'caller', at: at(27, 35) }, ended('agent', ctx, 27)],
          taken: taken(5),
        };
      case 'caller.hangup':
        return {
          snapshot: snap(s, ['Ended'], { status: 'done', legs: legsWith(s, { agent: 'ended', caller: 'ended' }) }),
          effects: [...exitConnected(config), { kind: 'hangup', leg: 'agent', at: at(28, 36) }, ended('caller', ctx, 28)],
          taken: taken(6),
        };
    }
    if (state === 'Talking' && type === 'Hold') {
      return {
        snapshot: snap(s, ['Connected', 'Held'], {
          context: { ...ctx, holds: num(ctx, 'holds') + 1 },
          legs: legsWith(s, { caller: 'held' }),
        }),
        effects: [
          { kind: 'hold', leg: 'caller', music: 'moh', at: at(34, 15) },
          { kind: 'startTimer', timer: 'Held#0', delayMs: num(ctx, 'holdLimit'), at: at(36, 7) },
        ],
        taken: taken(7),
      };
    }
    if (state === 'Held' && (type === 'Resume' || type === '$timer:Held#0')) {
      return {
        snapshot: snap(s, ['Connected', 'Talking'], { legs: legsWith(s, { caller: 'connected' }) }),
        effects: [
          { kind: 'unhold', leg: 'caller', at: at(35, 14) },
          { kind: 'cancelTimer', timer: 'Held#0', at: at(36, 7) },
          { kind: 'bridge', a: 'caller', b: 'agent', at: at(30, 15) },
        ],
        taken: taken(type === 'Resume' ? 9 : 8),
      };
    }
    return none;
  },
};

export const ringInput = { agentUri: 'sip:agent@example.com', ringTime: 20_000, maxTalk: 3_600_000, holdLimit: 30_000 } as const;
