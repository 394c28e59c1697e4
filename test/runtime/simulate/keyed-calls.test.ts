/**
 * Logged events are routed to the call of the flow's key: the POM agent
 * flow declares `key agentId`, so a log of several agents merged by time
 * replays as one instance per agent, each going exactly the way its own
 * agent's log takes it alone. (`send` between the instances is recorded,
 * not delivered: the peer lines of the log drive each instance.)
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnyFlowMachine } from '../../../runtime/machine.js';
import { simulate, type SimulationResult } from '../../../runtime/simulate/index.js';
import { mergeTraces, readTrace } from '../../../runtime/trace/index.js';
import { agentFlow, inputOf, logFile, readLog, readScenario, SCENARIOS } from '../../flows/pom/agent-flow.js';
import { timelineLine } from '../../flows/pom/agent-timeline.js';

let machine: AnyFlowMachine;

beforeAll(async () => {
  ({ machine } = await agentFlow());
}, 60_000);

/** The timeline of one call of a replay. */
function callTimeline(result: SimulationResult, call: number): string[] {
  return result.steps.filter((s) => s.call === call).map((s) => timelineLine(machine, s));
}

/** The agent each call replays: the log file its event lines came from. */
function agentOfCall(result: SimulationResult, call: number): string[] {
  const files = new Set(result.steps.flatMap((s) => (s.call === call && s.kind === 'event' ? [s.trace] : [])));
  return [...files];
}

const MULTI_AGENT = SCENARIOS.filter((s) => s.agents.length > 1);

describe.each(MULTI_AGENT)('$name: all agents in one log', (scenario) => {
  let result: SimulationResult;

  beforeAll(() => {
    // No input: each instance takes its agentId from the first line that names it.
    result = simulate(machine, readScenario(scenario), {});
  });

  it('passes with one call per agent, each given only its own agent\'s lines', () => {
    expect(result.divergence).toBeUndefined();
    expect(result.verdict).toBe('pass');
    expect(result.counts.calls).toBe(scenario.agents.length);
    const callOfAgent = scenario.agents.map((agent) => logFile(scenario.name, agent));
    for (let call = 1; call <= scenario.agents.length; call++) expect(agentOfCall(result, call)).toHaveLength(1);
    expect(new Set(scenario.agents.map((_, i) => agentOfCall(result, i + 1)[0])).size).toBe(scenario.agents.length);
    expect(callOfAgent.every((file) => result.steps.some((s) => s.kind === 'event' && s.trace === file))).toBe(true);
  });

  it('takes each instance the way its own agent\'s log takes it alone', () => {
    for (let call = 1; call <= scenario.agents.length; call++) {
      const file = agentOfCall(result, call)[0] ?? '';
      const agent = scenario.agents.find((a) => logFile(scenario.name, a) === file) ?? '';
      const alone = simulate(machine, readLog(scenario.name, agent), { input: inputOf(agent) });
      expect(callTimeline(result, call), agent).toEqual(callTimeline(alone, 1));
    }
  });
});

describe('a keyed event never goes to another key\'s call', () => {
  it('starts a call for a new agent even while another agent\'s call would take the event', () => {
    const lines = [
      '{"time": 0, "event": "Login", "agentId": "a1", "extension": "1", "zone": "z", "skills": "s"}',
      '{"time": 10, "event": "Login", "agentId": "a2", "extension": "2", "zone": "z", "skills": "s"}',
      '{"time": 20, "event": "Ready", "agentId": "a2"}',
    ].join('\n');
    const result = simulate(machine, mergeTraces([readTrace(Buffer.from(lines), 'two.jsonl')]), {});
    expect(result.counts.calls).toBe(2);
    expect(result.steps.filter((s) => s.kind === 'event').map((s) => s.call)).toEqual([1, 2, 2]);
    // The first call, a1's, never saw a2's Ready: it is still where Login put it.
    expect(callTimeline(result, 1)).toHaveLength(1);
  });
});
