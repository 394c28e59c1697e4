/**
 * The external-transfer flow survives a restart at any point of every
 * capture: the replay of each capture becomes a script (its delivered leg
 * events, commands and the time between them), the script first has to
 * reproduce the replay (same transitions, same effects), and then saving
 * and restoring the session between any two steps, or after every one,
 * must change nothing (test/runtime/persist/assert-resumable.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SimulationResult } from '../../../runtime/simulate/index.js';
import { assertResumableAtEveryStep } from '../../runtime/persist/assert-resumable.js';
import { CASES } from './external-transfer-cases.js';
import { externalTransfer, hasDesktopLog, INPUT, replayCapture, replayWithLog, type ExternalTransfer } from './external-transfer-replay.js';
import { scriptOf } from './replay-script.js';

let flow: ExternalTransfer;

beforeAll(async () => {
  flow = await externalTransfer();
});

/** The transitions the replay took and the effects it made, `at` left out of neither. */
function lived(result: SimulationResult): { taken: number[]; effects: unknown[] } {
  return { taken: result.steps.flatMap((s) => s.taken.map((t) => t.id)), effects: result.steps.flatMap((s) => s.effects) };
}

// The transport variants of the happy path carry the same events; one of them is enough here.
const RESUMED = CASES.filter((c) => !['tcp', 'ipv6', 'fragmented', 'sll', 'sll2', 'pcapng'].some((v) => c.name === `external-transfer-${v}`));

describe.each(RESUMED.map((c) => [c.name, c] as const))('%s', (name, c) => {
  it('resumes at every step with the same effects', () => {
    const result = hasDesktopLog(name) ? replayWithLog(flow, name) : replayCapture(flow, name);
    expect(result.verdict).toBe('pass');
    const script = scriptOf(result);
    const run = assertResumableAtEveryStep(flow.machine, INPUT, script.steps, { startAt: script.startAt });
    // The script is the replay: the same transitions and effects, in the same order, and the same end.
    expect({ taken: run.steps.flatMap((s) => s.taken), effects: run.steps.flatMap((s) => s.effects) }).toEqual(lived(result));
    expect(run.snapshot?.configuration.at(-1)).toBe(c.states.at(-1));
    expect(run.snapshot?.status).toBe('done');
    expect(run.refusals).toEqual([]);
    expect(run.errors).toEqual([]);
    expect(run.published).toMatchObject(c.emits.map((e) => ({ event: e.slice(0, e.indexOf('(')) })));
  });
});
