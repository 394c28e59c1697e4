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
}
