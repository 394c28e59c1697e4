import { describe, expect, it } from 'vitest';
import { parseFlowFile } from '../../grammar/index.js';

/** A flow of `states` states, each with entry actions, guarded transitions and a timer: ~10 lines per state. */
function generateFlow(states: number): string {
  const lines = ['flow Generated {', '  leg agent', '  leg customer inbound', '  input agentUri: uri', '  var pending: int = 0', '  event Ready(reason: string)'];
  for (let i = 0; i < states; i++) {
    lines.push(
      `  state S${i} {`,
      `    entry { dial agent to agentUri timeout 30s; hold customer music "moh/${i}" }`,
      `    on agent.answered when pending < ${i} && in(S${i}) -> S${(i + 1) % states} { set pending = pending + 1 }`,
      `    on agent.failed when status >= 400 || status == 486 -> S${(i + 2) % states}`,
      `    on Ready when reason == "x" { emit Alarm(code: "P_POMAGT16", count: pending * 2 - 1) }`,
      `    // timer ${i}`,
      `    after ${i % 60}s + 500ms -> S${(i + 3) % states}`,
      '    exit { unhold customer; bridge agent customer }',
      '  }',
      '',
    );
  }
  lines.push('}');
  return lines.join('\n');
}

describe('parse speed', () => {
  it('parses a generated 10,000-line flow and reports the throughput', () => {
    const text = generateFlow(1000);
    const lineCount = text.split('\n').length;
    expect(lineCount).toBeGreaterThanOrEqual(10_000);

    const megabytes = Buffer.byteLength(text) / 1e6;
    // Five rounds: the first ones include JIT warm-up, the best is the steady state. Wall time
    // suffers when other processes share the cores; CPU time (this process only) much less.
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let round = 0; round < 5; round++) {
      const started = performance.now();
      const cpuStarted = process.cpuUsage();
      const { file, diagnostics } = parseFlowFile({ path: 'generated.flow', text });
      const cpuUsed = process.cpuUsage(cpuStarted);
      wall.push(megabytes / ((performance.now() - started) / 1000));
      cpu.push(megabytes / ((cpuUsed.user + cpuUsed.system) / 1e6));
      expect(diagnostics).toEqual([]);
      expect(file.flows[0]?.states).toHaveLength(1000);
    }
    const rates = (r: number[]): string => r.map((x) => x.toFixed(2)).join(', ');
    // A figure for the log, not an assertion: timing depends on the machine and its load.
    console.log(
      `parsed ${lineCount} lines (${megabytes.toFixed(2)} MB): wall ${rates(wall)} MB/s, cpu ${rates(cpu)} MB/s (best ${Math.max(...wall).toFixed(2)} / ${Math.max(...cpu).toFixed(2)})`,
    );
  });
});
