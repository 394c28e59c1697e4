/** A session as the API shows it: plain JSON, read from its snapshot, leg table and timers. */
import type { FlowSession } from '../session/flow-session.js';
import type { LegState, Value } from '../values.js';
import { leafStates } from '../live/leaf-states.js';

export interface SessionView {
  readonly flow: string;
  readonly key: string | undefined;
  readonly status: 'active' | 'done' | 'starting';
  /** The innermost active states. */
  readonly state: readonly string[];
  /** Every active state, outermost first. */
  readonly configuration: readonly string[];
  readonly context: Readonly<Record<string, Value>>;
  readonly legs: readonly { readonly leg: string; readonly state: LegState; readonly dialogId: string | undefined }[];
  readonly timers: readonly { readonly timer: string; readonly dueAt: string }[];
}

export function sessionView(session: FlowSession): SessionView {
  const snapshot = session.snapshot;
  const configuration = snapshot?.configuration ?? [];
  const legStates = snapshot?.legs ?? {};
  return {
    flow: session.flow,
    key: session.key,
    status: snapshot === undefined ? 'starting' : snapshot.status,
    state: leafStates(session.machine, configuration),
    configuration,
    context: snapshot?.context ?? {},
    legs: session.machine.legs.map((l) => ({ leg: l.name, state: legStates[l.name] ?? 'idle', dialogId: session.dialogOf(l.name) })),
    timers: session.pendingTimers().map((t) => ({ timer: t.timer, dueAt: new Date(t.dueAt).toISOString() })),
  };
}
