/**
 * Replays one agent's lines of a log through the compiled Agent flow with
 * `simulate()` and checks what every replay must show: a pass verdict, no
 * problem, no refused command. The tests then compare the timeline.
 */
import { expect } from 'vitest';
import { simulate, type SimulationResult } from '../../../runtime/simulate/index.js';
import { agentFlow, agentLog, inputOf, readLog, scenario } from './agent-flow.js';
import { rejectedCommands, timeline } from './agent-timeline.js';

export interface AgentReplay {
  readonly result: SimulationResult;
  readonly lines: readonly string[];
}

export async function replayAgent(file: string, agentId: string): Promise<AgentReplay> {
  const { machine, source } = await agentFlow();
  const s = scenario(file);
  const result = simulate(machine, agentLog(readLog(file), agentId), { input: inputOf(s, agentId), flowSource: source });
  // The divergence first: when this fails, vitest prints what went wrong, not just "fail".
  expect(result.divergence).toBeUndefined();
  expect(result.verdict).toBe('pass');
  expect(result.problems).toEqual([]);
  expect(rejectedCommands(result)).toEqual([]);
  expect(result.counts.calls).toBe(1);
  return { result, lines: timeline(machine, result) };
}
