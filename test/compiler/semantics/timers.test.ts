// docs/semantics.md R16: state-scoped timers.
import { describe, expect, it } from 'vitest';
import { machineFromSource, runEvents } from './machineFromSource.js';

describe('timers', () => {
  it('R16 — after D starts S#k on entry (after entry blocks) and cancels it on exit (before exit blocks)', async () => {
    const m = await machineFromSource(`
      flow F {
        input wait: duration = 2s
        event Go
        emit Mark(n: string)
        initial state S {
          entry { emit Mark(n: "enter S") }
          exit { emit Mark(n: "exit S") }
          after wait + 500ms -> T
          after 10s -> T
          on Go -> T
        }
        state T
      }`);
    const [start, fired] = runEvents(m, [{ type: '$timer', timer: 'S#0' }]);
    expect(start?.effects.map((e) => (e.kind === 'startTimer' ? `start ${e.timer} ${e.delayMs}` : e.kind))).toEqual([
      'emit',
      'start S#0 2500',
      'start S#1 10000',
    ]);
    expect(fired?.snapshot.configuration).toEqual(['T']);
    expect(fired?.effects.map((e) => (e.kind === 'cancelTimer' ? `cancel ${e.timer}` : e.kind))).toEqual([
      'cancel S#0',
      'cancel S#1',
      'emit',
    ]);
    // A timer of a state no longer active selects nothing.
    const [, , stale] = runEvents(m, [{ type: 'Go' }, { type: '$timer', timer: 'S#1' }]);
    expect(stale?.taken).toEqual([]);
  });
});
