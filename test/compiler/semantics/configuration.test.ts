// docs/semantics.md R1-R2: configuration and start.
import { describe, expect, it } from 'vitest';
import { machineFromSource, marks, runEvents } from './machineFromSource.js';

describe('configuration and start', () => {
  it('R1 — the configuration lists atomic states and all ancestors in document order', async () => {
    const m = await machineFromSource(`
      flow F {
        event Go
        initial state Outer {
          state Left { state L1 }
          parallel state Right {
            state R1 { state R1a }
            state R2 { state R2a }
          }
          on Go -> Right
        }
      }`);
    const [start, after] = runEvents(m, [{ type: 'Go' }]);
    expect(start?.snapshot.configuration).toEqual(['Outer', 'Left', 'L1']);
    expect(after?.snapshot.configuration).toEqual(['Outer', 'Right', 'R1', 'R1a', 'R2', 'R2a']);
  });

  it('R2 — initial() enters the `initial` child (else the first) down to atomic states, running entries in document order', async () => {
    const m = await machineFromSource(`
      flow F {
        emit Mark(n: string)
        state Skipped
        initial state Top {
          entry { emit Mark(n: "Top") }
          state First { entry { emit Mark(n: "First") } }
          initial parallel state Par {
            entry { emit Mark(n: "Par") }
            state A { entry { emit Mark(n: "A") } }
            state B { entry { emit Mark(n: "B") } }
          }
        }
      }`);
    const [start] = runEvents(m, []);
    expect(start?.snapshot.configuration).toEqual(['Top', 'Par', 'A', 'B']);
    expect(marks(start?.effects ?? [])).toEqual(['Top', 'Par', 'A', 'B']);
    expect(start?.taken).toEqual([]);
  });
});
