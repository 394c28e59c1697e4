/**
 * The desktop side of each capture: the agent's clicks (Consult, Transfer,
 * CancelConsult) from its JSONL event log (test/fixtures/events/pom/
 * external-transfer/<capture>.jsonl) merged with the capture, replayed with
 * strict commands, so nothing is assumed: every command the flow takes
 * comes from the log, and the call goes the same way as the capture's row.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { EventStep } from '../../../runtime/simulate/index.js';
import { timerSteps } from '../genesys/flow-replay.js';
import { CASES } from './external-transfer-cases.js';
import {
  emitsOf,
  externalTransfer,
  hasDesktopLog,
  replayWithLog,
  sentByTheFlow,
  statePath,
  type ExternalTransfer,
} from './external-transfer-replay.js';

let flow: ExternalTransfer;

beforeAll(async () => {
  flow = await externalTransfer();
});

it('has a desktop log for every capture whose call takes a command, and none for the others', () => {
  expect(CASES.filter((c) => hasDesktopLog(c.name)).map((c) => c.name)).toEqual(CASES.filter((c) => c.assumed.length > 0).map((c) => c.name));
});

describe.each(CASES.filter((c) => c.assumed.length > 0).map((c) => [c.name, c] as const))('%s + its desktop log', (_name, c) => {
  it('passes with strict commands, each command taken from the log in the order clicked', () => {
    const result = replayWithLog(flow, c.name);
    expect(result.divergence).toBeUndefined();
    expect(result.problems).toEqual([]);
    expect(result.verdict).toBe('pass');
    expect(result.assumed).toEqual([]);
    const commands = result.steps.filter((s): s is EventStep => s.kind === 'event');
    expect(commands.map((s) => [s.summary, s.outcome.kind === 'command' && s.outcome.delivered?.handled])).toEqual(c.assumed.map((e) => [e, true]));
  });

  it('goes the way the capture alone goes', () => {
    const result = replayWithLog(flow, c.name);
    expect(statePath(result)).toEqual(c.states);
    expect(sentByTheFlow(result)).toEqual(c.sent);
    expect(emitsOf(result)).toEqual(c.emits);
    expect(timerSteps(result).map((t) => t.timer)).toEqual(c.timers);
  });
});
