/**
 * Hand-written flow for ordering tests: a burst of sends between instances.
 *
 * flow Relay {
 *   key id
 *   input id: string
 *   var log: string = ""
 *   event Burst(to: string, count: int)
 *   event Hit(n: int, from: string)
 *   initial state On {
 *     on Burst { send Hit(n: 1, from: id) to Relay(to) ... send Hit(n: count, from: id) to Relay(to) }
 *     on Hit { set log = log + n; if from != "" send Hit(n: n, from: "") to Relay(from) }
 *   }
 * }
 */
import type { Effect } from '../../../runtime/effects.js';
import type { AnyFlowMachine } from '../../../runtime/machine.js';

const at = { line: 10, column: 5 };

export const Relay: AnyFlowMachine = {
  name: 'Relay',
  source: 'test/runtime/machines/relay.ts',
  key: 'id',
  legs: [],
  inputs: [{ name: 'id', type: 'string', optional: false }],
  events: [
    { type: 'Burst', source: 'application', fields: { to: 'string', count: 'int' } },
    { type: 'Hit', source: 'application', fields: { n: 'int', from: 'string' } },
  ],
  emits: [],
  states: [{ name: 'On', kind: 'atomic', at }],
  transitions: [
    { id: 0, source: 'On', event: 'Burst', guarded: false, at },
    { id: 1, source: 'On', event: 'Hit', guarded: false, at },
  ],
  initial(input) {
    return { snapshot: { flow: 'Relay', configuration: ['On'], context: { ...input, log: '' }, legs: {}, status: 'active' }, effects: [], taken: [] };
  },
  transition(s, event) {
    const fields = event as unknown as Readonly<Record<string, unknown>>;
    const id = String(s.context['id']);
    if (event.type === 'Burst') {
      const effects: Effect[] = [];
      for (let n = 1; n <= Number(fields['count']); n++) {
        effects.push({ kind: 'send', flow: 'Relay', key: String(fields['to']), event: 'Hit', payload: { n, from: id }, at });
      }
      return { snapshot: s, effects, taken: [{ id: 0, at }] };
    }
    if (event.type === 'Hit') {
      const n = Number(fields['n']);
      const from = String(fields['from']);
      const effects: Effect[] =
        from === '' ? [] : [{ kind: 'send', flow: 'Relay', key: from, event: 'Hit', payload: { n, from: '' }, at }];
      return { snapshot: { ...s, context: { ...s.context, log: `${String(s.context['log'])}${n}` } }, effects, taken: [{ id: 1, at }] };
    }
    return { snapshot: s, effects: [], taken: [] };
  },
};
