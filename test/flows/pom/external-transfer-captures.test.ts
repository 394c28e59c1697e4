/**
 * Seed 000 (POM external transfer from a consult) proved on the SIPp
 * captures of test/fixtures/traces, each replayed alone through
 * flows/pom/external-transfer.flow: it passes, with exactly the desktop
 * commands the capture cannot show assumed, along the states, flow-side
 * messages, emits and timers its row in external-transfer-cases.ts says.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SimulationResult } from '../../../runtime/simulate/index.js';
import { REPO, timerSteps } from '../genesys/flow-replay.js';
import { CASES } from './external-transfer-cases.js';
import {
  assumedCommands,
  emitsOf,
  externalTransfer,
  replayCapture,
  sentByTheFlow,
  statePath,
  TRACES,
  type ExternalTransfer,
} from './external-transfer-replay.js';

let flow: ExternalTransfer;

beforeAll(async () => {
  flow = await externalTransfer();
});

it('has a row for every external-transfer capture, and a capture for every row', () => {
  const captures = readdirSync(join(REPO, TRACES))
    .filter((f) => f.startsWith('external-transfer-') && /\.pcap(ng)?$/.test(f))
    .map((f) => f.replace(/\.pcap(ng)?$/, ''))
    .sort();
  expect(CASES.map((c) => c.name).sort()).toEqual(captures);
});

describe.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
  let result: SimulationResult;

  beforeAll(() => {
    result = replayCapture(flow, c.name);
  });

  it(`passes: ${c.proves}`, () => {
    expect(result.divergence).toBeUndefined();
    expect(result.problems).toEqual([]);
    expect(result.verdict).toBe('pass');
    expect(result.counts.calls).toBe(1);
    // Every input was given, so every Request-URI and Refer-To user was compared.
    expect(result.unboundInputs).toEqual([]);
  });

  it('assumes exactly the desktop commands the capture lacks', () => {
    expect(assumedCommands(result)).toEqual(c.assumed);
  });

  it('goes through the states of its path', () => {
    expect(statePath(result)).toEqual(c.states);
  });

  it('explains every message the flow side sends by an effect of the flow, in order', () => {
    expect(sentByTheFlow(result)).toEqual(c.sent);
  });

  it('emits what the path says and fires its timers', () => {
    expect(emitsOf(result)).toEqual(c.emits);
    expect(timerSteps(result).map((t) => t.timer)).toEqual(c.timers);
  });
});
