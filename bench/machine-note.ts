/** What the figures were measured on: they mean little without the machine and its load at the time. */
import { cpus, loadavg } from 'node:os';
import type { BenchOptions } from './options.js';

export interface MachineNote {
  readonly node: string;
  readonly cpu: string;
  readonly cores: number;
  readonly loadAverage: readonly number[];
  readonly quick: boolean;
  readonly summary: string;
}

export function machineNote(options: BenchOptions): MachineNote {
  const cores = cpus();
  const cpu = cores[0]?.model.trim() ?? 'unknown cpu';
  const loadAverage = loadavg();
  const summary =
    `flowc bench — node ${process.version}, ${cpu} x${cores.length}, load average ${loadAverage.map((l) => l.toFixed(2)).join(' ')}` +
    (options.quick ? '\n--quick: small sizes and few rounds; figures are rough' : '') +
    (loadAverage[0] !== undefined && loadAverage[0] > cores.length ? '\nthe machine is busier than it has cores: absolute figures are inflated; ratios (same run, interleaved) hold better' : '');
  return { node: process.version, cpu, cores: cores.length, loadAverage, quick: options.quick, summary };
}
