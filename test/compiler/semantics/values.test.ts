// docs/semantics.md R17-R20: legs, expressions, effects, purity.
import { describe, expect, it } from 'vitest';
import { machineFromSource, runEvents } from './machineFromSource.js';

describe('legs, values, effects', () => {
  it('R17 — verbs and leg events move the leg table, handled or not', async () => {
    const m = await machineFromSource(`
      flow F {
        leg caller inbound
        leg agent
        initial state Start {
          entry { answer caller; dial agent to "sip:agent@example.com" }
          on agent.answered -> Talk
        }
        state Talk {
          entry { hold caller }
          on caller.hangup -> End { hangup agent }
        }
        final state End
      }`);
    const steps = runEvents(m, [{ type: 'agent.ringing' }, { type: 'agent.answered' }, { type: 'caller.hangup' }]);
    expect(steps.map((s) => s.snapshot.legs)).toEqual([
      { caller: 'connected', agent: 'dialing' },
      { caller: 'connected', agent: 'early' },
      { caller: 'held', agent: 'connected' },
      { caller: 'ended', agent: 'ended' },
    ]);
    expect(steps[1]?.taken).toEqual([]);
  });

  it('R18 — names, concatenation, truncating division and division by zero', async () => {
    const m = await machineFromSource(`
      flow F {
        input base: string = "job-"
        var n: int = 7
        event Go(n: int)
        emit Out(text: string, quotient: int, remainder: int, byZero: int)
        initial state S {
          on Go {
            emit Out(text: base + n + "/" + event.n, quotient: (0 - n) / 2, remainder: (0 - n) % 2, byZero: n / (n - n))
          }
        }
      }`);
    const [, go] = runEvents(m, [{ type: 'Go', n: 3 }]);
    const out = go?.effects[0];
    // Bare `n` is the event field (3), which shadows the var (7); -3 / 2 truncates to -1 (floor would give -2).
    expect(out?.kind === 'emit' ? out.payload : undefined).toEqual({ text: 'job-3/3', quotient: -1, remainder: -1, byZero: 0 });
  });

  it('R19 — each verb pushes one effect with its source position, in order; taken carries the transition position', async () => {
    const m = await machineFromSource(
      [
        'flow F {',
        '  leg agent',
        '  event Go',
        '  initial state S {',
        '    on Go -> T { dial agent to "sip:a@b"; hold agent music "moh" }',
        '  }',
        '  state T',
        '}',
      ].join('\n'),
    );
    const [, go] = runEvents(m, [{ type: 'Go' }]);
    expect(go?.effects.map((e) => [e.kind, e.at.line, e.at.column])).toEqual([
      ['dial', 5, 18],
      ['hold', 5, 43],
    ]);
    expect(go?.taken).toEqual([{ id: 0, at: { line: 5, column: 5 } }]);
  });

  it('R20 — transition() never mutates its input and gives equal results for equal input', async () => {
    const m = await machineFromSource(`
      flow F {
        leg agent
        var count: int = 0
        event Go
        initial state S {
          on Go -> S { set count = count + 1; dial agent to "sip:a@b" }
        }
      }`);
    const [start] = runEvents(m, []);
    const before = structuredClone(start?.snapshot);
    const snapshot = start?.snapshot;
    if (snapshot === undefined) throw new Error('no snapshot');
    const first = m.transition(snapshot, { type: 'Go' });
    const second = m.transition(snapshot, { type: 'Go' });
    expect(snapshot).toEqual(before);
    expect(second).toEqual(first);
    expect(first.snapshot.context['count']).toBe(1);
    expect(JSON.parse(JSON.stringify(first.snapshot))).toEqual(first.snapshot);
  });
});
