/**
 * Replay speed on 10,000 overlapping calls (320,000 SIP messages), logged
 * for the record and not asserted: timing on a shared machine is not a
 * test. What is asserted is that every call replays and passes, read whole
 * (readTrace, then simulate) or item by item as it is replayed (openTrace).
 */
import { performance } from 'node:perf_hooks';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnyFlowMachine } from '../../../runtime/machine.js';
import { simulate } from '../../../runtime/simulate/index.js';
import { openTrace, readTrace } from '../../../runtime/trace/index.js';
import { CAPTURE_INPUT, externalTransfer, fixtureTrace } from './fixtures.js';
import { manyCallsPcap } from './many-calls.js';

const CALLS = 10_000;
/** A call lasts ~12 s: 100 ms apart, about 120 calls are up at once. */
const SPACING_MS = 100;

let machine: AnyFlowMachine;

beforeAll(async () => {
  ({ machine } = await externalTransfer());
});

function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}

function rate(messages: number, ms: number): string {
  return `${Math.round(messages / (ms / 1000)).toLocaleString('en')} messages/s`;
}

describe(`replaying ${CALLS.toLocaleString('en')} calls (measured, not asserted)`, () => {
  // Three replays of 320,000 messages: minutes on a busy shared machine.
  it('reads, replays and passes every call', { timeout: 300_000 }, () => {
    const { pcap, messages } = manyCallsPcap(fixtureTrace('external-transfer-happy.pcap'), CALLS, SPACING_MS);
    // Warm-up on a slice, so the JIT has seen the code before it is timed.
    simulate(machine, readTrace(manyCallsPcap(fixtureTrace('external-transfer-happy.pcap'), 300, SPACING_MS).pcap, 'warm-up.pcap'), { input: CAPTURE_INPUT });

    // CPU time as well as wall time: on a machine shared with other work, CPU time is the fairer figure.
    // First as flowc simulate replays a capture: items read as the replay asks for them, none held
    // (before the whole trace below is read, whose 320,000 items would weigh on the collector).
    let t = performance.now();
    let cpu = process.cpuUsage();
    const streamed = simulate(machine, openTrace(pcap, 'many.pcap'), { input: CAPTURE_INPUT });
    const streamedMs = performance.now() - t;
    const streamedCpuMs = cpuMs(process.cpuUsage(cpu));
    expect(streamed.divergence).toBeUndefined();

    t = performance.now();
    cpu = process.cpuUsage();
    const trace = readTrace(pcap, 'many.pcap');
    const readMs = performance.now() - t;
    const readCpuMs = cpuMs(process.cpuUsage(cpu));
    t = performance.now();
    cpu = process.cpuUsage();
    const result = simulate(machine, trace, { input: CAPTURE_INPUT });
    const replayMs = performance.now() - t;
    const replayCpuMs = cpuMs(process.cpuUsage(cpu));

    expect(result.divergence).toBeUndefined();
    expect(result.counts).toMatchObject({ sipMessages: messages, calls: CALLS, problems: 0, unrelated: 0 });
    expect(result.assumed.length).toBe(2 * CALLS);
    expect(result.steps.length).toBe(messages);
    expect(streamed.counts).toEqual(result.counts);

    const total = readMs + replayMs;
    const totalCpu = readCpuMs + replayCpuMs;
    console.log(
      `${messages.toLocaleString('en')} SIP messages, ${CALLS.toLocaleString('en')} calls (${(pcap.length / 1e6).toFixed(0)} MB pcap)\n` +
        `  wall: read ${readMs.toFixed(0)} ms (${rate(messages, readMs)}), replay ${replayMs.toFixed(0)} ms (${rate(messages, replayMs)}), end to end ${total.toFixed(0)} ms (${rate(messages, total)})\n` +
        `  cpu:  read ${readCpuMs.toFixed(0)} ms (${rate(messages, readCpuMs)}), replay ${replayCpuMs.toFixed(0)} ms (${rate(messages, replayCpuMs)}), end to end ${totalCpu.toFixed(0)} ms (${rate(messages, totalCpu)})\n` +
        `  read as replayed (openTrace): wall ${streamedMs.toFixed(0)} ms (${rate(messages, streamedMs)}), cpu ${streamedCpuMs.toFixed(0)} ms (${rate(messages, streamedCpuMs)})`,
    );
  });
});
