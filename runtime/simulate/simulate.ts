/**
 * `flowc simulate`'s core: replays one trace through one flow and says
 * where they part ways. Pure and deterministic: the same machine, trace and
 * options give the same result; nothing is read, written or timed.
 */
import type { AnyFlowMachine } from '../machine.js';
import type { OpenedTrace } from '../trace/read-trace.js';
import { Replay } from './replay.js';
import type { SimulateOptions } from './simulate-options.js';
import type { SimulationResult } from './simulation-result.js';

/**
 * `trace` is a `TraceRead` (`readTrace`, `mergeTraces`: items in an array)
 * or an `OpenedTrace` (`openTrace`: items read as they are replayed, so a
 * long capture need not be held in memory). Both replay the same.
 */
export function simulate(machine: AnyFlowMachine, trace: OpenedTrace, options: SimulateOptions = {}): SimulationResult {
  return new Replay(machine, trace, options).run();
}
