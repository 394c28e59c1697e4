/**
 * Whatever order, repetition or omission of real messages a trace holds,
 * the replay returns a result: one step per item (plus timers), a verdict
 * that agrees with the divergence, and never an exception.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnyFlowMachine } from '../../../runtime/machine.js';
import { simulate } from '../../../runtime/simulate/index.js';
import type { TraceItem, TraceRead } from '../../../runtime/trace/index.js';
import { externalTransfer, fixtureTrace } from './fixtures.js';

let machine: AnyFlowMachine;
let happy: TraceRead;

beforeAll(async () => {
  ({ machine } = await externalTransfer());
  happy = fixtureTrace('external-transfer-happy.pcap');
});

/** The happy capture's items picked in the given order (repeats allowed), 100 ms apart, renumbered. */
function shuffled(picks: readonly number[], events: readonly string[]): TraceRead {
  const start = happy.items[0]?.time ?? 0;
  const items: TraceItem[] = picks.map((p, i) => {
    const item = happy.items[p % happy.items.length];
    if (item === undefined) throw new Error('no item');
    return { ...item, frame: i + 1, time: start + i * 100 };
  });
  events.forEach((type, i) => items.splice(Math.min(items.length, i * 3), 0, { kind: 'event', trace: 'log', frame: i + 1, time: start + i * 300, event: { type } }));
  return { name: 'shuffled', format: 'merged', items };
}

describe('replay robustness', () => {
  it('returns a consistent result for any arrangement of real messages and commands', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 31 }), { maxLength: 50 }),
        fc.array(fc.constantFrom('Consult', 'Transfer', 'CancelConsult', 'NotAnEvent'), { maxLength: 4 }),
        fc.boolean(),
        (picks, events, strictCommands) => {
          const trace = shuffled(picks, events);
          const result = simulate(machine, trace, { strictCommands });
          const itemSteps = result.steps.filter((s) => s.kind !== 'timer');
          expect(itemSteps.length).toBe(trace.items.length);
          expect(result.verdict === 'fail').toBe(result.divergence !== undefined);
          // An empty trace has no step to name: it fails as `noCall`, at step 0.
          if (trace.items.length === 0) expect(result.divergence).toMatchObject({ reason: 'noCall', step: 0 });
          else if (result.divergence !== undefined) expect(result.steps[result.divergence.step]).toBeDefined();
          expect(() => JSON.stringify(result)).not.toThrow();
        },
      ),
      { numRuns: 300 },
    );
  });
});
