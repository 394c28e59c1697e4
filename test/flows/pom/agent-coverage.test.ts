/**
 * Seed 001: the Agent flow compiles with no diagnostic at all, and its logs,
 * each replayed on its own with no input given (as `flowc simulate
 * flows/pom/agent.flow test/fixtures/events/pom/*.jsonl` does), exercise
 * every transition and enter every state. A transition no log takes (a new
 * rule without its scenario, a log edited away from it) fails this test and
 * names the transition.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnyFlowMachine } from '../../../runtime/machine.js';
import { simulate } from '../../../runtime/simulate/index.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readTrace } from '../../../runtime/trace/index.js';
import { agentFlow, logFile, logFiles, LOGS, SCENARIOS, type CompiledAgent } from './agent-flow.js';

let compiled: CompiledAgent;
let machine: AnyFlowMachine;

// Compiling takes a while on a loaded machine: more than the default hook timeout.
beforeAll(async () => {
  compiled = await agentFlow();
  machine = compiled.machine;
}, 60_000);

function describeTransition(id: number): string {
  const t = machine.transitions[id];
  return t === undefined ? `#${id}` : `line ${t.at.line}: ${t.source} on ${t.event}${t.target === undefined ? '' : ` -> ${t.target}`}`;
}

describe('flows/pom/agent.flow', () => {
  it('compiles with no error and no warning', () => {
    expect(compiled.diagnostics).toEqual([]);
  });

  it('is keyed by agentId, so other agents can `send ... to Agent(peerId)`', () => {
    expect(machine.key).toBe('agentId');
  });

  it('has every state the seed names', () => {
    const seed = [
      ...['Ready', 'NotReady', 'PendingNotReady', 'Logout', 'PendingLogout', 'Busy', 'WorkNotReady', 'Unknown'],
      ...['Idle', 'Talking', 'Hold', 'Callback', 'ConferenceOwner', 'ConferencePassive', 'Consult', 'Preview', 'Dialing', 'Wrapup'],
      ...['JobAttached', 'JobDetached', 'JobEnd', 'PendingInbound', 'JobInbound', 'PendingOutbound', 'PendingManualInbound', 'PendingJobMovement', 'PendingJobAttach'],
    ];
    const names = new Set(machine.states.map((s) => s.name));
    expect(seed.filter((name) => !names.has(name))).toEqual([]);
  });

  it('runs the agent, call and job states as parallel regions of the session', () => {
    const regions = machine.states.filter((s) => s.parent === 'Session').map((s) => s.name);
    expect(machine.states.find((s) => s.name === 'Session')?.kind).toBe('parallel');
    expect(regions).toEqual(['AgentState', 'CallState', 'JobState']);
  });

  it('has a scenario for every log file, and a log file for every agent of a scenario', () => {
    expect(logFiles()).toEqual(SCENARIOS.flatMap((s) => s.agents.map((a) => logFile(s.name, a))).sort());
  });

  it('has every transition taken and every state entered by some log', () => {
    const transitions = new Set<number>();
    const states = new Set<string>();
    for (const file of logFiles()) {
      const result = simulate(machine, readTrace(readFileSync(join(LOGS, file)), file));
      expect(result.verdict, file).toBe('pass');
      for (const id of result.coverage.transitions) transitions.add(id);
      for (const name of result.coverage.states) states.add(name);
    }
    const untaken = machine.transitions.filter((t) => !transitions.has(t.id)).map((t) => describeTransition(t.id));
    expect(untaken).toEqual([]);
    expect(machine.states.filter((s) => !states.has(s.name)).map((s) => s.name)).toEqual([]);
    expect(transitions.size).toBe(machine.transitions.length);
  });
});
