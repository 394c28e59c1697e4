// docs/semantics.md R6-R10: one microstep.
import { describe, expect, it } from 'vitest';
import { machineFromSource, marks, runEvents } from './machineFromSource.js';

const TRACED = `
  flow F {
    event Go
    event Self
    event Down
    event Stay
    emit Mark(n: string)
    initial state Root {
      entry { emit Mark(n: "enter Root") }
      exit { emit Mark(n: "exit Root") }
      state A {
        entry { emit Mark(n: "enter A") }
        exit { emit Mark(n: "exit A") }
        state A1 {
          entry { emit Mark(n: "enter A1") }
          exit { emit Mark(n: "exit A1") }
          on Go -> B2 { emit Mark(n: "action") }
        }
        on Self -> A { emit Mark(n: "action") }
        on Down -> A1 { emit Mark(n: "action") }
        on Stay { emit Mark(n: "action") }
      }
      state B {
        entry { emit Mark(n: "enter B") }
        exit { emit Mark(n: "exit B") }
        state B1 { entry { emit Mark(n: "enter B1") } }
        state B2 { entry { emit Mark(n: "enter B2") } }
      }
    }
  }`;

describe('microstep', () => {
  it('R6 — the domain is the least common compound ancestor; a self-transition exits and re-enters its source', async () => {
    const m = await machineFromSource(TRACED);
    const self = runEvents(m, [{ type: 'Self' }])[1];
    // Domain of A -> A is Root: A is exited and re-entered, Root is not.
    expect(marks(self?.effects ?? [])).toEqual(['exit A1', 'exit A', 'action', 'enter A', 'enter A1']);
    const down = runEvents(m, [{ type: 'Down' }])[1];
    // A -> A1 (its own child) is external too: A is left and entered again.
    expect(marks(down?.effects ?? [])).toEqual(['exit A1', 'exit A', 'action', 'enter A', 'enter A1']);
  });

  it('R7 — exits run in reverse document order, descendants first', async () => {
    const m = await machineFromSource(TRACED);
    const go = runEvents(m, [{ type: 'Go' }])[1];
    expect(marks(go?.effects ?? []).slice(0, 2)).toEqual(['exit A1', 'exit A']);
  });

  it('R8 — transition actions run after every exit and before every entry', async () => {
    const m = await machineFromSource(TRACED);
    const go = runEvents(m, [{ type: 'Go' }])[1];
    expect(marks(go?.effects ?? [])).toEqual(['exit A1', 'exit A', 'action', 'enter B', 'enter B2']);
  });

  it('R9 — entry covers the ancestors below the domain, the target, and default regions of a parallel ancestor', async () => {
    const m = await machineFromSource(`
      flow F {
        event Go
        emit Mark(n: string)
        initial state Start { on Go -> Deep }
        parallel state P {
          entry { emit Mark(n: "P") }
          state R1 {
            entry { emit Mark(n: "R1") }
            state Other { entry { emit Mark(n: "Other") } }
            state Mid {
              entry { emit Mark(n: "Mid") }
              state Deep { entry { emit Mark(n: "Deep") } }
            }
          }
          state R2 {
            entry { emit Mark(n: "R2") }
            state R2a { entry { emit Mark(n: "R2a") } }
          }
        }
      }`);
    const go = runEvents(m, [{ type: 'Go' }])[1];
    expect(marks(go?.effects ?? [])).toEqual(['P', 'R1', 'Mid', 'Deep', 'R2', 'R2a']);
    expect(go?.snapshot.configuration).toEqual(['P', 'R1', 'Mid', 'Deep', 'R2', 'R2a']);
  });

  it('R10 — a targetless transition runs its actions only: no exit, no entry, timers kept', async () => {
    const m = await machineFromSource(TRACED);
    const [start, stay] = runEvents(m, [{ type: 'Stay' }]);
    expect(marks(stay?.effects ?? [])).toEqual(['action']);
    expect(stay?.effects.map((e) => e.kind)).toEqual(['emit']);
    expect(stay?.snapshot.configuration).toEqual(start?.snapshot.configuration);
  });
});
