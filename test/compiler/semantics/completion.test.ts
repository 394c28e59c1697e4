// docs/semantics.md R13-R15: done events, macrosteps, top-level final states.
import { describe, expect, it } from 'vitest';
import { machineFromSource, marks, runEvents, takenNames } from './machineFromSource.js';

describe('completion', () => {
  it('R13 — a final child raises done(parent); the last region to finish raises done(parallel) after it', async () => {
    const m = await machineFromSource(`
      flow F {
        event GoA
        event GoB
        emit Mark(n: string)
        initial parallel state Both {
          state A {
            state A1 { on GoA -> A2 }
            final state A2
          }
          state B {
            state B1 { on GoB -> B2 }
            final state B2
          }
          on done(A) { emit Mark(n: "done A") }
          on done(B) { emit Mark(n: "done B") }
          on done(Both) { emit Mark(n: "done Both") }
        }
      }`);
    const [, a, b] = runEvents(m, [{ type: 'GoA' }, { type: 'GoB' }]);
    expect(marks(a?.effects ?? [])).toEqual(['done A']);
    expect(marks(b?.effects ?? [])).toEqual(['done B', 'done Both']);
  });

  it('R14 — internal events run to completion inside the same transition() call, in the order raised', async () => {
    const m = await machineFromSource(`
      flow F {
        event Go
        emit Mark(n: string)
        initial state Main {
          state Outer {
            state Inner {
              state I1 { on Go -> I2 { emit Mark(n: "Go") } }
              final state I2
            }
            on done(Inner) -> Last { emit Mark(n: "done Inner") }
            final state Last
          }
          on done(Outer) -> End { emit Mark(n: "done Outer") }
          final state End
        }
      }`);
    const [, go] = runEvents(m, [{ type: 'Go' }]);
    expect(marks(go?.effects ?? [])).toEqual(['Go', 'done Inner', 'done Outer']);
    expect(go === undefined ? [] : takenNames(m, go)).toEqual(['I1->I2', 'Outer->Last', 'Main->End']);
    expect(go?.snapshot.configuration).toEqual(['Main', 'End']);
  });

  it('R15 — entering a top-level final sets status done; later events are ignored', async () => {
    const m = await machineFromSource(`
      flow F {
        event Go
        emit Mark(n: string)
        initial state A { on Go -> End }
        final state End { exit { emit Mark(n: "never") } }
        state Other
      }`);
    const [, done, after] = runEvents(m, [{ type: 'Go' }, { type: 'Go' }]);
    expect(done?.snapshot.status).toBe('done');
    expect(done?.snapshot.configuration).toEqual(['End']);
    expect(after?.snapshot).toBe(done?.snapshot);
    expect(after?.effects).toEqual([]);
    expect(after?.taken).toEqual([]);
  });
});
