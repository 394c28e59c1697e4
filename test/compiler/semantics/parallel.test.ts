// docs/semantics.md R11-R12: parallel regions.
import { describe, expect, it } from 'vitest';
import { machineFromSource, marks, runEvents, takenNames } from './machineFromSource.js';

describe('parallel regions', () => {
  it('R11 — every region selects, and a transition selected by several regions runs once', async () => {
    const m = await machineFromSource(`
      flow F {
        event Go
        event Tick
        emit Mark(n: string)
        initial parallel state P {
          state A {
            state A1 { on Go -> A2 { emit Mark(n: "A") } }
            state A2
          }
          state B {
            state B1 { on Go -> B2 { emit Mark(n: "B") } }
            state B2
          }
          on Tick { emit Mark(n: "tick") }
        }
      }`);
    const [, go] = runEvents(m, [{ type: 'Go' }]);
    expect(go === undefined ? [] : takenNames(m, go)).toEqual(['A1->A2', 'B1->B2']);
    expect(marks(go?.effects ?? [])).toEqual(['A', 'B']);
    expect(go?.snapshot.configuration).toEqual(['P', 'A', 'A2', 'B', 'B2']);
    const [, tick] = runEvents(m, [{ type: 'Tick' }]);
    expect(marks(tick?.effects ?? [])).toEqual(['tick']);
  });

  it('R12 — an earlier region preempts a conflicting later one, unless the later source descends from the earlier', async () => {
    const m = await machineFromSource(`
      flow F {
        event Go
        event Leave
        emit Mark(n: string)
        initial state Top {
          parallel state P {
            state A {
              state A1 {
                on Go -> Out { emit Mark(n: "A1 leaves") }
              }
            }
            state B {
              state B1 {
                on Go -> Out2 { emit Mark(n: "B1 leaves") }
                on Leave -> B2 { emit Mark(n: "B1 local") }
              }
              state B2
            }
            on Leave -> Out { emit Mark(n: "P leaves") }
          }
          state Out
          state Out2
        }
      }`);
    // A1's transition exits all of P; B1's would too: B1 does not descend from A1, so it is preempted.
    const [, go] = runEvents(m, [{ type: 'Go' }]);
    expect(marks(go?.effects ?? [])).toEqual(['A1 leaves']);
    expect(go?.snapshot.configuration).toEqual(['Top', 'Out']);
    // A1 selects P's transition; B1 selects its own, whose source descends from P: B1's replaces P's.
    const [, leave] = runEvents(m, [{ type: 'Leave' }]);
    expect(marks(leave?.effects ?? [])).toEqual(['B1 local']);
    expect(leave?.snapshot.configuration).toEqual(['Top', 'P', 'A', 'A1', 'B', 'B2']);
  });
});
