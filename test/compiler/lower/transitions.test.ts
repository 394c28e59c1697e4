import { describe, expect, it } from 'vitest';
import { modelOf, names } from './lowerSource.js';

const SOURCE = `
  flow F {
    leg agent
    event Go(reason: string)
    initial state Top {
      state A {
        state A1 {
          on Go -> B1
          after 2s -> A2
          on agent.failed when status == 486 -> A
        }
        state A2 { after 1s -> A1 }
        on done(A) -> Top
      }
      parallel state B {
        state BR1 { state B1 }
        state BR2 { state B2a  state B2b }
      }
      after 5s
    }
  }`;

describe('transitions', () => {
  const model = modelOf(SOURCE);
  const byAt = (line: number) => model.transitions.find((t) => t.at.line === line);

  it('are numbered in document order with resolved source, target and trigger', () => {
    expect(model.transitions.map((t) => [t.id, model.states[t.source]?.name, t.target === undefined ? undefined : model.states[t.target]?.name, t.trigger.type])).toEqual([
      [0, 'A1', 'B1', 'Go'],
      [1, 'A1', 'A2', '$timer:A1#0'],
      [2, 'A1', 'A', 'agent.failed'],
      [3, 'A2', 'A1', '$timer:A2#0'],
      [4, 'A', 'Top', 'done(A)'],
      [5, 'Top', undefined, '$timer:Top#0'],
    ]);
  });

  it('numbers timers per state and keeps their delays in milliseconds', () => {
    expect(model.timers.map((t) => [t.timer, t.delay])).toEqual([
      ['A1#0', { kind: 'literal', type: 'duration', value: 2000 }],
      ['A2#0', { kind: 'literal', type: 'duration', value: 1000 }],
      ['Top#0', { kind: 'literal', type: 'duration', value: 5000 }],
    ]);
  });

  it('takes the least common compound ancestor as domain, never the source itself', () => {
    // A1 -> B1: A and the parallel B meet at Top.
    expect(names(model, [byAt(8)?.domain ?? -1])).toEqual(['Top']);
    // A1 -> A (an ancestor) is external: the domain is above A.
    expect(names(model, [byAt(10)?.domain ?? -1])).toEqual(['Top']);
    // A -> Top: no compound ancestor contains Top except the root.
    expect(byAt(13)?.domain).toBeUndefined();
    expect([byAt(13)?.exitFrom, byAt(13)?.exitTo]).toEqual([0, model.states.length - 1]);
  });

  it('enters the target ancestors below the domain, the target, its defaults and the other regions', () => {
    expect(names(model, byAt(8)?.entry ?? [])).toEqual(['B', 'BR1', 'B1', 'BR2', 'B2a']);
    expect(names(model, byAt(13)?.entry ?? [])).toEqual(['Top', 'A', 'A1']);
  });

  it('gives targetless transitions an empty exit range and entry set', () => {
    const t = byAt(19);
    expect(t?.target).toBeUndefined();
    expect(t?.exitFrom).toBeGreaterThan(t?.exitTo ?? 0);
    expect(t?.entry).toEqual([]);
  });

  it('binds guard names to the event payload', () => {
    expect(byAt(10)?.guard).toEqual({
      kind: 'binary',
      type: 'bool',
      op: 'eq',
      left: { kind: 'field', type: 'status', name: 'status' },
      right: { kind: 'literal', type: 'int', value: 486 },
    });
  });
});
