import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { openTrace, readTrace } from '../../../runtime/trace/index.js';
import { MESSAGES_PER_CALL, syntheticCallsPcap } from './synthetic-calls.js';

const CALLS = 10_000;

describe('reading speed (measured and logged, not asserted)', () => {
  it(`reads a synthetic ${CALLS}-call pcap`, () => {
    const pcap = syntheticCallsPcap(CALLS);
    readTrace(pcap.subarray(0, 200_000), 'warm-up');
    const runs: { wall: number; cpu: number }[] = [];
    let messages = 0;
    for (let run = 0; run < 3; run++) {
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      messages = 0;
      for (const item of openTrace(pcap, 'bench.pcap').items) if (item.kind === 'sip') messages++;
      const cpu = process.cpuUsage(cpuStart);
      runs.push({ wall: performance.now() - start, cpu: (cpu.user + cpu.system) / 1000 });
    }
    expect(messages).toBe(CALLS * MESSAGES_PER_CALL);
    const wall = Math.min(...runs.map((r) => r.wall));
    const cpu = Math.min(...runs.map((r) => r.cpu));
    const rate = (ms: number): string => Math.round(messages / (ms / 1000)).toLocaleString('en');
    // Wall time depends on what else the machine runs; CPU time less so. Both are logged with the load.
    console.log(
      `read ${messages} SIP messages from a ${(pcap.length / 1e6).toFixed(1)} MB pcap: ` +
        `best wall ${wall.toFixed(0)} ms (${rate(wall)} msg/s), best CPU ${cpu.toFixed(0)} ms (${rate(cpu)} msg/CPU-s), ` +
        `load average ${loadavg()[0]?.toFixed(1)}`,
    );
  });
});
