/**
 * `flowc simulate`'s core: replays one trace through one flow and says
 * where they part ways. Pure and deterministic: the same machine, trace and
 * options give the same result; nothing is read, written or timed.
 */
import type { AnyFlowMachine } from '../machine.js';
import type { TraceRead } from '../trace/trace-item.js';
import { Replay } from './replay.js';
import type { SimulateOptions } from './simulate-options.js';
import type { SimulationResult } from './simulation-result.js';

export function simulate(machine: AnyFlowMachine, trace: TraceRead, options: SimulateOptions = {}): SimulationResult {
  return new Replay(machine, trace, options).run();
}
