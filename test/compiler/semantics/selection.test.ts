// docs/semantics.md R3-R5: selecting transitions.
import { describe, expect, it } from 'vitest';
import { machineFromSource, marks, runEvents, takenNames } from './machineFromSource.js';

describe('selection', () => {
  it('R3 — the atomic state is asked first, then its ancestors; a false guard passes to the next candidate', async () => {
    const m = await machineFromSource(`
      flow F {
        event Go(n: int)
        emit Mark(n: string)
        initial state P {
          on Go -> Q { emit Mark(n: "parent") }
          state C {
            on Go when n == 1 -> Q { emit Mark(n: "child first") }
            on Go when n == 2 -> Q { emit Mark(n: "child second") }
          }
        }
        state Q
      }`);
    const pick = (n: number): string[] => marks(runEvents(m, [{ type: 'Go', n }])[1]?.effects ?? []);
    expect(pick(1)).toEqual(['child first']);
    expect(pick(2)).toEqual(['child second']);
    expect(pick(3)).toEqual(['parent']);
  });

  it('R4 — an event no transition handles is ignored and the snapshot is returned as it came', async () => {
    const m = await machineFromSource(`
      flow F {
        event Go
        event Other
        initial state A { on Go -> B }
        state B
      }`);
    const [start, ignored] = runEvents(m, [{ type: 'Other' }]);
    expect(ignored?.taken).toEqual([]);
    expect(ignored?.effects).toEqual([]);
    expect(ignored?.snapshot).toBe(start?.snapshot);
  });

  it('R5 — guards see the configuration and context from before the step', async () => {
    const m = await machineFromSource(`
      flow F {
        event Go
        var count: int = 0
        emit Mark(n: string)
        initial parallel state Both {
          state X {
            state X1 { on Go -> X2 { set count = count + 1 } }
            state X2
          }
          state Y {
            state Y1 {
              on Go when in(X1) && count == 0 -> Y2 { emit Mark(n: "saw X1 and count 0") }
            }
            state Y2
          }
        }
      }`);
    const steps = runEvents(m, [{ type: 'Go' }]);
    const step = steps[1];
    expect(step === undefined ? [] : takenNames(m, step)).toEqual(['X1->X2', 'Y1->Y2']);
    expect(marks(step?.effects ?? [])).toEqual(['saw X1 and count 0']);
    expect(step?.snapshot.context['count']).toBe(1);
  });
});
