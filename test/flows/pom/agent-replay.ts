/**
 * Replays one agent's log of a scenario through the compiled Agent flow with
 * `simulate()` and checks what every replay must show: a pass verdict, no
 * problem, no refused command. The tests then compare the timeline.
 */
import { expect } from 'vitest';
import { simulate, type SimulationResult } from '../../../runtime/simulate/index.js';
import { agentFlow, inputOf, readLog } from './agent-flow.js';
import { rejectedCommands, timeline } from './agent-timeline.js';

export interface AgentReplay {
  readonly result: SimulationResult;
  readonly lines: readonly string[];
}

export async function replayAgent(name: string, agentId: string): Promise<AgentReplay> {
  const { machine, source } = await agentFlow();
  const log = readLog(name, agentId);
  // An agent's file holds that agent's lines only.
  expect(log.items.filter((i) => i.kind !== 'event' || i.event['agentId'] !== agentId)).toEqual([]);
  const result = simulate(machine, log, { input: inputOf(agentId), flowSource: source });
  // The divergence first: when this fails, vitest prints what went wrong, not just "fail".
  expect(result.divergence).toBeUndefined();
  expect(result.verdict).toBe('pass');
  expect(result.problems).toEqual([]);
  expect(rejectedCommands(result)).toEqual([]);
  expect(result.counts.calls).toBe(1);
  return { result, lines: timeline(machine, result) };
}
