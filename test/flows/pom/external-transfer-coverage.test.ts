/**
 * Every transition and every state of ExternalTransfer is exercised by some
 * SIPp capture: the union of simulate's coverage over all of them is the
 * whole flow. A transition added without a capture that takes it, or a
 * capture that stops reaching one, fails here and names the transition.
 */
import { beforeAll, expect, it } from 'vitest';
import type { SimulationResult } from '../../../runtime/simulate/index.js';
import { coveredTransitions, describeTransitions } from '../genesys/flow-replay.js';
import { CASES } from './external-transfer-cases.js';
import { externalTransfer, hasDesktopLog, replayCapture, replayWithLog, type ExternalTransfer } from './external-transfer-replay.js';

let flow: ExternalTransfer;

beforeAll(async () => {
  flow = await externalTransfer();
});

function untaken(results: readonly SimulationResult[]): string[] {
  const covered = new Set(coveredTransitions(results));
  const missing = flow.machine.transitions.map((t) => t.id).filter((id) => !covered.has(id));
  return describeTransitions(flow.machine, missing);
}

function unentered(results: readonly SimulationResult[]): string[] {
  const entered = new Set(results.flatMap((r) => r.coverage.states));
  return flow.machine.states.map((s) => s.name).filter((name) => !entered.has(name));
}

it('takes every transition and enters every state over the captures replayed alone', () => {
  const results = CASES.map((c) => replayCapture(flow, c.name));
  expect(results.map((r) => r.verdict)).toEqual(CASES.map(() => 'pass'));
  expect(untaken(results)).toEqual([]);
  expect(unentered(results)).toEqual([]);
  // Not vacuous: the flow has the transitions and states the coverage claims.
  expect(flow.machine.transitions.length).toBe(results[0]?.coverage.totalTransitions);
  expect(flow.machine.transitions.length).toBeGreaterThan(30);
});

it('does the same with the desktop logs merged in, nothing assumed', () => {
  const results = CASES.map((c) => (hasDesktopLog(c.name) ? replayWithLog(flow, c.name) : replayCapture(flow, c.name)));
  expect(results.flatMap((r) => r.assumed)).toEqual([]);
  expect(untaken(results)).toEqual([]);
  expect(unentered(results)).toEqual([]);
});
