import type { Value } from '../values.js';

/**
 * An address the flow plays in the trace: `127.0.0.10` (any port),
 * `127.0.0.10:5060`, `fd00::10`, `[fd00::10]:5060`, or the same as an object.
 */
export type FlowSideAddress = string | { readonly ip: string; readonly port?: number };

export interface SimulateOptions {
  /** The flow side's addresses (`--as`); inferred from the trace when absent or empty. */
  readonly as?: readonly FlowSideAddress[];
  /** The flow's inputs (`--input name=value`). Inputs not given match any value and are reported as unbound. */
  readonly input?: Readonly<Record<string, Value>>;
  /** No command inference (`--strict-commands`): a message only an application command explains is a divergence. */
  readonly strictCommands?: boolean;
  /** The `.flow` source text, so the divergence can quote the line it blames. */
  readonly flowSource?: string;
  /**
   * `all` (the default): `steps` holds every step. `lean`: only the steps the
   * terminal report shows of a long trace (lean-steps.ts): `steps` is then a
   * sparse array, as long as all steps would be, with the kept steps at their
   * indices; `bindings` holds only the calls the replay has not forgotten
   * (`keepFinishedCalls`). Everything else in the result is the same. For
   * reports that show every step (JSON, HTML, a whole ladder) use `all`.
   */
  readonly steps?: 'all' | 'lean';
  /**
   * How many finished calls a replay without an event log keeps before it
   * forgets the oldest (finished-calls.ts): 4,096 by default, `Infinity` to
   * keep every call. A message on a forgotten call's dialog is reported as
   * unrelated. A long capture's memory then grows only by what the result
   * reports of each call.
   */
  readonly keepFinishedCalls?: number;
}
