/** What the control API acts on: the running flows and sessions of a live app (or of a test). */
import type { FlowDescription } from '../machine.js';
import type { FlowSession } from '../session/flow-session.js';
import type { LiveEventHub } from '../live/live-events.js';
import type { StartFailure } from '../live/live-sessions.js';

export interface ApiBackend {
  flows(): readonly FlowDescription[];
  /** Every running session. */
  running(): Iterable<FlowSession>;
  session(flow: string, key: string): FlowSession | undefined;
  /** Starts a flow (outreach, nailing): inputs as JSON, read by the flow's declared types. */
  start(flow: string, inputs: Readonly<Record<string, unknown>>, key: string | undefined): FlowSession | StartFailure;
  /** Ends a session now: its calls hung up, its snapshot gone. */
  end(session: FlowSession, reason: string): void;
  readonly events: LiveEventHub;
  /** Prometheus text. */
  metrics(): string;
  /** Connections and drain state, for /health. */
  health(): { readonly ok: boolean; readonly [detail: string]: unknown };
}
